/** Rendered images kept in memory, oldest dropped first so a long sandbox session stays small. */
export class MediaStore {
  private readonly items = new Map<string, { body: Buffer; contentType: string }>();

  constructor(private readonly maxItems: number) {}

  put(id: string, body: Buffer, contentType: string): void {
    this.items.set(id, { body, contentType });
    while (this.items.size > this.maxItems) {
      const oldest = this.items.keys().next().value;
      if (oldest === undefined) break;
      this.items.delete(oldest);
    }
  }

  get(id: string): { body: Buffer; contentType: string } | undefined {
    return this.items.get(id);
  }

  get size(): number {
    return this.items.size;
  }

  clear(): void {
    this.items.clear();
  }
}

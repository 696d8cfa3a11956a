/** A bounded, append-only log (oldest entries dropped first) with waiters for future entries. */
export class RecordLog<T> {
  #items: T[] = [];
  #waiters = new Set<{ match(item: T): boolean; resolve(item: T): void }>();

  constructor(private readonly max: number) {}

  get items(): readonly T[] {
    return this.#items;
  }

  push(item: T): void {
    this.#items.push(item);
    if (this.#items.length > this.max) this.#items.splice(0, this.#items.length - this.max);
    for (const waiter of this.#waiters) {
      if (!waiter.match(item)) continue;
      this.#waiters.delete(waiter);
      waiter.resolve(item);
    }
  }

  clear(): void {
    this.#items = [];
  }

  /** The first entry (already logged or future) that matches; rejects after timeoutMs. */
  waitFor(match: (item: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    const existing = this.#items.find(match);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (item: T) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`slack emulator: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }
}

import { randomBytes } from 'node:crypto';

export interface TtlStoreOptions<T> {
  ttlMs: number;
  /** Most entries kept; the oldest go first when full. */
  max?: number;
  /** Called when an entry times out (not when it is deleted): e.g. to tell the user the menu expired. */
  onExpire?: (id: string, value: T) => void;
}

/**
 * Short-lived interaction state (open select menus, gallery pages) behind a short random id that fits in
 * a custom_id. Each entry lives `ttlMs` from its last write; after that `get` finds nothing.
 */
export function createTtlStore<T>(options: TtlStoreOptions<T>) {
  const max = options.max ?? 10_000;
  const entries = new Map<string, { value: T; timer: NodeJS.Timeout }>();

  const arm = (id: string, value: T) => {
    const timer = setTimeout(() => {
      entries.delete(id);
      options.onExpire?.(id, value);
    }, options.ttlMs);
    timer.unref();
    return timer;
  };

  const remove = (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    entries.delete(id);
  };

  return {
    put(value: T): string {
      if (entries.size >= max) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) remove(oldest);
      }
      const id = randomBytes(6).toString('base64url');
      entries.set(id, { value, timer: arm(id, value) });
      return id;
    },
    get: (id: string): T | undefined => entries.get(id)?.value,
    /** Replaces the value and restarts its time to live; false when it already expired. */
    set(id: string, value: T): boolean {
      const entry = entries.get(id);
      if (!entry) return false;
      clearTimeout(entry.timer);
      entries.set(id, { value, timer: arm(id, value) });
      return true;
    },
    delete: remove,
    /** Puts a value back under its old id (after a failed attempt to use it). */
    restore(id: string, value: T): void {
      remove(id);
      entries.set(id, { value, timer: arm(id, value) });
    },
    size: () => entries.size,
    clear() {
      for (const entry of entries.values()) clearTimeout(entry.timer);
      entries.clear();
    },
  };
}

export type TtlStore<T> = ReturnType<typeof createTtlStore<T>>;

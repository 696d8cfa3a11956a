import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export interface TtlStoreOptions<T> {
  ttlMs: number;
  /** Most entries kept; the least recently used go first when full. */
  max?: number;
  /** Called when an entry times out (not when it is deleted): e.g. to tell the user the menu expired. */
  onExpire?: (id: string, value: T) => void;
}

/**
 * Short-lived interaction state (open select menus, gallery pages) behind a short random id that fits in
 * a custom_id. Each entry lives `ttlMs` from its last write; after that `get` finds nothing.
 */
export function createTtlStore<T extends {}>(options: TtlStoreOptions<T>) {
  const { onExpire } = options;
  const entries = new LRUCache<string, T>({
    max: options.max ?? 10_000,
    ttl: options.ttlMs,
    // Timers only when someone is told of the expiry; otherwise an entry is dropped when next looked at.
    ttlAutopurge: onExpire !== undefined,
    // Date.now, not performance.now: the same time as the rest of the adapter (and tests' fake timers).
    perf: Date,
    dispose: (value, id, reason) => {
      if (reason === 'expire') onExpire?.(id, value);
    },
  });
  return {
    put(value: T): string {
      const id = randomBytes(6).toString('base64url');
      entries.set(id, value);
      return id;
    },
    get: (id: string): T | undefined => entries.get(id),
    /** Replaces the value and restarts its time to live; false when it already expired. */
    set(id: string, value: T): boolean {
      if (!entries.has(id)) return false;
      entries.set(id, value);
      return true;
    },
    delete: (id: string): void => void entries.delete(id),
    /** Puts a value back under its old id (after a failed attempt to use it). */
    restore: (id: string, value: T): void => void entries.set(id, value),
    size: () => entries.size,
    clear: () => entries.clear(),
  };
}

export type TtlStore<T extends {}> = ReturnType<typeof createTtlStore<T>>;

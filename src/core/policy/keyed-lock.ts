/**
 * Runs async sections one at a time per key, in arrival order, within this process. The policy's
 * check-then-insert is not atomic in the database: two requests arriving together would both see room
 * under a quota and both be recorded. Holding the workspace's key from the check to the insert closes that.
 */
export type KeyedLock = <T>(key: string, section: () => Promise<T>) => Promise<T>;

export function createKeyedLock(): KeyedLock {
  /** The tail of each key's queue; removed when the last section of a key ends, so the map stays small. */
  const tails = new Map<string, Promise<void>>();
  return async <T>(key: string, section: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    tails.set(key, tail);
    await previous;
    try {
      return await section();
    } finally {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

import type { Client } from '@libsql/client';
import type { Logger } from '../../core/logger.js';

/** Client calls that run statements on the connection; the rest pass straight through. */
const STATEMENT_METHODS = new Set<PropertyKey>([
  'execute',
  'batch',
  'migrate',
  'executeMultiple',
  'transaction',
]);

/** SQLITE_BUSY / SQLITE_LOCKED, or the symptom they leave behind. */
export function isBusyError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  return (
    code.startsWith('SQLITE_BUSY') ||
    code.startsWith('SQLITE_LOCKED') ||
    (typeof e?.message === 'string' && e.message.includes('SQL statements in progress'))
  );
}

/**
 * Heals an embedded connection after SQLITE_BUSY. libsql 0.5 leaves a statement that failed with
 * SQLITE_BUSY active on its connection, and from then on every COMMIT there fails with "cannot commit
 * transaction - SQL statements in progress": one busy moment (another process holding the write lock
 * past the busy timeout) would make every later write fail. The cure is a fresh connection, so after a
 * busy error the next call first reconnects and re-applies the per-connection pragmas. The busy error
 * itself still reaches the caller, which decides whether to retry.
 */
export function withBusyRecovery(
  client: Client,
  applyPragmas: (client: Client) => Promise<void>,
  log: Logger,
): Client {
  let dirty = false;
  let healing: Promise<void> | undefined;

  const heal = async () => {
    if (!dirty) return;
    healing ??= (async () => {
      log.warn('database connection hit SQLITE_BUSY; opening a fresh connection');
      await client.reconnect();
      await applyPragmas(client);
      dirty = false;
    })().finally(() => {
      healing = undefined;
    });
    await healing;
  };

  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      // Bound to the real client: its methods use private fields a proxy receiver would not have.
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (!STATEMENT_METHODS.has(property)) return method;
      return async (...args: unknown[]) => {
        await heal();
        try {
          return await method(...args);
        } catch (error) {
          if (isBusyError(error)) dirty = true;
          throw error;
        }
      };
    },
  });
}

import type { Logger } from '../logger.js';
import type { AuditRepository, NewAuditEntry } from './audit-types.js';

export type AuditRecorder = (entry: NewAuditEntry) => Promise<void>;

/** Writes an audit entry; a failed write is logged and swallowed so it can never fail the action itself. */
export function createAuditRecorder(repository: AuditRepository | undefined, log: Logger): AuditRecorder {
  return async (entry) => {
    if (!repository) return;
    try {
      await repository.record(entry);
    } catch (error) {
      log.error({ err: error, action: entry.action, targetId: entry.targetId }, 'audit log write failed');
    }
  };
}

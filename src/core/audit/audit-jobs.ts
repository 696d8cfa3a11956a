import type { Generation, Requester } from '../types.js';
import type { AuditRecorder } from './audit-recorder.js';
import type { AuditAction } from './audit-types.js';

/** One audit entry for jobs just started by a requester (a sequence's frames make one entry). */
export function auditJobs(
  record: AuditRecorder,
  action: Extract<AuditAction, 'generate' | 'reroll' | 'sequence'>,
  requester: Requester,
  jobs: readonly Generation[],
): Promise<void> {
  const first = jobs[0];
  if (!first) return Promise.resolve();
  const details: Record<string, unknown> = {
    catalogId: first.catalogId,
    options: first.options,
    seed: first.seed,
    model: first.model,
    ...(first.extra ? { extra: first.extra } : {}),
    ...(first.parentId ? { parentId: first.parentId } : {}),
    ...(first.statusDetail?.startsWith('reused:') ? { reused: first.statusDetail.slice(7) } : {}),
    ...(action === 'sequence' ? { sequenceId: first.sequenceId, frames: jobs.map((j) => j.id) } : {}),
  };
  return record({
    platform: requester.platform,
    workspaceId: requester.workspaceId,
    channelId: requester.channelId,
    userId: requester.userId,
    action,
    targetId: first.id,
    details,
    source: 'generation',
  });
}

/** A refused request, with the reason the requester was given. */
export function auditRefusal(
  record: AuditRecorder,
  requester: Requester,
  action: Extract<AuditAction, 'generate' | 'reroll' | 'sequence'>,
  code: string,
  message: string,
): Promise<void> {
  return record({
    platform: requester.platform,
    workspaceId: requester.workspaceId,
    channelId: requester.channelId,
    userId: requester.userId,
    action: 'refused',
    targetId: null,
    details: { for: action, code, message },
    source: 'generation',
  });
}

import type { Generation, NewGeneration } from '../../core/types.js';

/** The full record of a new job: queued, nothing attempted yet. */
export function newGeneration(input: NewGeneration, now: number, newId: () => string): Generation {
  const createdAt = input.createdAt ?? now;
  return {
    id: input.id ?? newId(),
    createdAt,
    updatedAt: createdAt,
    platform: input.platform,
    workspaceId: input.workspaceId,
    channelId: input.channelId,
    userId: input.userId,
    messageId: input.messageId ?? null,
    replyRef: input.replyRef ?? null,
    catalogId: input.catalogId,
    options: input.options,
    extra: input.extra,
    aspect: input.aspect,
    promptHash: input.promptHash,
    seed: input.seed,
    model: input.model,
    status: 'queued',
    statusDetail: null,
    errorClass: null,
    errorMessage: null,
    attempts: 0,
    requestId: null,
    parentId: input.parentId ?? null,
    sequenceId: input.sequenceId ?? null,
    imageKey: null,
    imageUrl: null,
    thumbKey: null,
    thumbUrl: null,
    // Known at request time (from the aspect), so the first insert is the whole record.
    width: input.width ?? null,
    height: input.height ?? null,
    bytes: null,
    submittedAt: null,
    startedAt: null,
    finishedAt: null,
    costMicros: 0,
    isExample: input.isExample ?? false,
    nsfwAllowed: input.nsfwAllowed ?? false,
    deletedAt: null,
    deletedBy: null,
  };
}

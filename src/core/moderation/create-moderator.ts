import { createAuditRecorder } from '../audit/audit-recorder.js';
import type { AuditRepository } from '../audit/audit-types.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Generation } from '../types.js';
import { createBlocklist } from './blocklist.js';
import type { ModerationDecision, ModerationListener, Moderator, NsfwPolicy } from './moderation-types.js';

export interface ModeratorDeps {
  /** Operator entries (words, phrases, /regex/flags): MODERATION_BLOCKLIST plus the file's lines. */
  blocklist: readonly string[];
  nsfw: NsfwPolicy;
  /** Where decisions are recorded (action 'moderation'); a failed write is logged, never fatal. */
  audit?: AuditRepository;
  log: Logger;
}

/** Text blocklist, NSFW policy, and a record of every decision (audit log, listeners for metrics). */
export function createModerator(deps: ModeratorDeps): Moderator {
  const blocklist = createBlocklist(deps.blocklist);
  const record = createAuditRecorder(deps.audit, deps.log);
  const listeners = new Set<ModerationListener>();

  async function decide(decision: ModerationDecision): Promise<void> {
    deps.log.info(
      { decision: decision.decision, userId: decision.userId, targetId: decision.targetId },
      'moderation decision',
    );
    await record({
      platform: decision.platform,
      workspaceId: decision.workspaceId,
      channelId: decision.channelId,
      userId: decision.userId,
      action: 'moderation',
      targetId: decision.targetId,
      details: { decision: decision.decision, ...decision.details },
      source: 'moderation',
    });
    for (const listener of listeners) {
      try {
        listener(decision);
      } catch (error) {
        deps.log.error({ err: error }, 'moderation listener failed');
      }
    }
  }

  const where = (g: Generation) => ({
    platform: g.platform,
    workspaceId: g.workspaceId,
    channelId: g.channelId,
    userId: g.userId,
  });

  return {
    async checkText(requester, text, context) {
      const hit = blocklist.find(text);
      if (!hit) return;
      await decide({
        decision: 'text_refused',
        platform: requester.platform,
        workspaceId: requester.workspaceId,
        channelId: requester.channelId,
        userId: requester.userId,
        targetId: null,
        details: {
          entry: hit.entry,
          found: hit.found,
          field: 'extra',
          for: context.action,
          model: context.model,
        },
      });
      throw new UserError(
        'text_blocked',
        `Your text contains "${hit.found}", which this server does not allow. Remove it and try again.`,
        { field: 'extra' },
      );
    },

    nsfwAllowed: (requester) => deps.nsfw === 'nsfw-channels' && requester.nsfwChannel === true,

    flaggedImage(generation, posted) {
      return decide({
        decision: posted ? 'nsfw_posted' : 'image_withheld',
        ...where(generation),
        targetId: generation.id,
        details: {
          rule: 'provider_nsfw_flag',
          policy: deps.nsfw,
          nsfwAllowed: generation.nsfwAllowed,
          model: generation.model,
        },
      });
    },

    onDecision(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

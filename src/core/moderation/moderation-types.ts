import type { Generation, Platform, Requester } from '../types.js';

/** NSFW_POLICY: never post images the provider flags, or post them only in channels marked NSFW. */
export type NsfwPolicy = 'never' | 'nsfw-channels';

export type ModerationDecisionKind = 'text_refused' | 'image_withheld' | 'nsfw_posted';

/** One moderation decision, as audited and counted. */
export interface ModerationDecision {
  decision: ModerationDecisionKind;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  userId: string;
  /** The generation concerned; null for refused text (nothing was recorded). */
  targetId: string | null;
  details: Record<string, unknown>;
}

export type ModerationListener = (decision: ModerationDecision) => void;

export interface Moderator {
  /**
   * Checks free text against the operator's blocklist; a hit is audited and thrown as
   * UserError('text_blocked') naming what was found. Runs before anything is recorded or spent.
   */
  checkText(
    requester: Requester,
    text: string,
    context: { action: 'generate' | 'reroll' | 'sequence'; model: string },
  ): Promise<void>;
  /** Whether a new job for this requester may post an image the provider flags (kept on the record). */
  nsfwAllowed(requester: Requester): boolean;
  /** Records what became of a job whose every image the provider flagged: posted or withheld. */
  flaggedImage(generation: Generation, posted: boolean): Promise<void>;
  /** Every decision (metrics); returns an unsubscribe function. */
  onDecision(listener: ModerationListener): () => void;
}

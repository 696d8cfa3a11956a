import type { webApi } from '@slack/bolt';
import { LRUCache } from 'lru-cache';
import { UserError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { slackErrorCode } from './error-boundary.js';

const INVITE =
  'I cannot post in this channel yet, so nothing was started. Invite me with `/invite @Atelier` and try again.';
const NO_ACCESS =
  'I cannot post in this conversation, so nothing was started. Try a channel I am in, or a direct message with me.';

export interface PostCheckOptions {
  /** How long "can post here" is remembered. Default 60 s. */
  allowedTtlMs?: number;
  /** How long "cannot post here" is remembered (short: an /invite should count soon). Default 5 s. */
  refusedTtlMs?: number;
  now?: () => number;
}

export type PostCheck = (channelId: string, options?: { deadlineMs?: number }) => Promise<void>;

/**
 * Asked before a job is paid for: can the bot post its result in this conversation? conversations.info
 * says `is_member` for channels, private channels and group DMs; a DM with the bot always works; for a
 * private conversation the bot is not in (or a DM between two other people) Slack answers
 * `channel_not_found`. Throws a UserError saying what to do. Answers are remembered briefly (Tier 3 method).
 * When Slack gives no answer (rate limit, outage, a missing `*:read` scope, `deadlineMs` passed) the job
 * goes ahead: posting may well work, and refusing would stop everyone.
 */
export function createPostCheck(client: webApi.WebClient, log: Logger, options: PostCheckOptions = {}) {
  const now = options.now ?? Date.now;
  const allowedTtlMs = options.allowedTtlMs ?? 60_000;
  const refusedTtlMs = options.refusedTtlMs ?? 5_000;
  const known = new LRUCache<string, { refusal: string | undefined }>({
    max: 1_000,
    // Ask the clock on every lookup (lru-cache otherwise reuses a reading for 1 ms; tests move the clock).
    ttlResolution: 0,
    perf: { now },
  });

  async function ask(channel: string): Promise<{ refusal: string | undefined } | undefined> {
    try {
      const { channel: info } = await client.conversations.info({ channel });
      if (info?.is_im) return { refusal: undefined };
      return { refusal: info?.is_member === false ? INVITE : undefined };
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'channel_not_found') return { refusal: NO_ACCESS };
      if (code === 'not_in_channel') return { refusal: INVITE };
      log.warn({ err: error, channelId: channel }, 'could not check that the bot can post here; going ahead');
      return undefined;
    }
  }

  const check: PostCheck = async (channelId, { deadlineMs } = {}) => {
    let entry = known.get(channelId);
    if (!entry) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        if (deadlineMs === undefined) return;
        timer = setTimeout(() => resolve(undefined), deadlineMs);
        timer.unref();
      });
      const answer = await Promise.race([ask(channelId), late]);
      clearTimeout(timer);
      if (!answer) return;
      entry = { refusal: answer.refusal };
      known.set(channelId, entry, { ttl: answer.refusal ? refusedTtlMs : allowedTtlMs });
    }
    if (entry.refusal) throw new UserError('cannot_post', entry.refusal);
  };
  return check;
}

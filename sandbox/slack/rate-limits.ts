import type { NowSource } from './ids.js';
import type { SlackKnobs } from './knobs.js';

/**
 * Slack's tiers, in calls per minute per method per workspace per app (https://docs.slack.dev/apis/web-api/rate-limits:
 * Tier 1 "1+ per minute", Tier 2 "20+", Tier 3 "50+", Tier 4 "100+"), the floor of each; a bucket allows
 * bursts up to its minute budget. Special tier: chat.postMessage "generally allows posting one message per
 * second per channel" with short bursts (knobs postMessagePerSecond and postMessageBurst).
 */
export const TIER_PER_MINUTE = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;
type Tier = keyof typeof TIER_PER_MINUTE;

/**
 * Tiers of the methods the emulator serves, from the "Rate limits" fact of each method's page on
 * https://docs.slack.dev/reference/methods; chat.postMessage is limited per channel instead, and a method
 * not listed here (files.delete) is Tier 3.
 */
export const METHOD_TIERS: Record<string, Tier> = {
  'auth.test': 4,
  'apps.connections.open': 1,
  'chat.update': 3,
  'chat.delete': 3,
  'chat.postEphemeral': 4,
  'chat.getPermalink': 4,
  'views.open': 4,
  'views.update': 4,
  'views.push': 4,
  'reactions.add': 3,
  'reactions.remove': 2,
  'reactions.get': 3,
  'conversations.info': 3,
  'conversations.history': 3,
  'conversations.replies': 3,
  'users.info': 4,
  'files.getUploadURLExternal': 4,
  'files.completeUploadExternal': 4,
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Token buckets keyed by method (or method + channel for chat.postMessage). */
export class RateLimiter {
  #buckets = new Map<string, Bucket>();

  constructor(private readonly clock: NowSource) {}

  reset(): void {
    this.#buckets.clear();
  }

  check(knobs: SlackKnobs, method: string, channel?: string): RateDecision {
    if (!knobs.rateLimits) return { ok: true };
    const override = knobs.methodLimitsPerMinute[method];
    if (method === 'chat.postMessage' && override === undefined) {
      return this.take(`${method}:${channel ?? ''}`, knobs.postMessageBurst, knobs.postMessagePerSecond);
    }
    const tier = METHOD_TIERS[method];
    const perMinute = override ?? (tier ? TIER_PER_MINUTE[tier] : TIER_PER_MINUTE[3]);
    return this.take(method, perMinute, perMinute / 60);
  }

  /** Takes one token; refused calls consume nothing. */
  take(key: string, capacity: number, refillPerSecond: number): RateDecision {
    const now = this.clock.now();
    const bucket = this.#buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * refillPerSecond);
    bucket.updatedAt = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerSecond)) };
  }
}

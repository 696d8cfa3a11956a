import { createHash } from 'node:crypto';
import type { DiscordKnobs, ForcedFailure, ForcedRateLimit } from './knobs.js';

export type GateDecision =
  | { kind: 'pass'; headers: Record<string, string> }
  | { kind: 'reject'; status: number; headers: Record<string, string>; body: Record<string, unknown> };

export interface GateRequest {
  method: string;
  template: string;
  major: string;
  /** Interaction callbacks have no buckets in Discord (discord.js sends them through its burst handler). */
  bucketed: boolean;
  /**
   * Counted against the bot's global limit: every bot-token route. Interaction endpoints (the callback and
   * the interaction webhook) are not (receiving-and-responding.mdx "Endpoints"; rate-limits.mdx "Global
   * Rate Limit").
   */
  global: boolean;
}

/** Where the knobs live; faults are counted down in place. */
export interface KnobsAccess {
  get(): DiscordKnobs;
  replace(next: DiscordKnobs): void;
}

export function routeMatches(pattern: string, method: string, template: string): boolean {
  if (pattern === '*') return true;
  if (pattern === 'edits') return method === 'PATCH' && template.includes('/messages/');
  return pattern === `${method} ${template}` || pattern === template;
}

const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);
const bucketHash = (key: string) => createHash('sha1').update(key).digest('hex').slice(0, 32);

/**
 * Discord's two kinds of limit (rate-limits.mdx): per-route fixed-window buckets, counted per major
 * parameter (channel, guild, webhook id + token) with the X-RateLimit-* headers @discordjs/rest reads, and
 * the global limit of the bot token across all its routes (50 requests a second), whose 429 says
 * `global: true` with X-RateLimit-Global and stops every bot-token route until retry_after. Plus the forced
 * 429s and 5xx answers tests ask for. A 429 blocks until retry_after has passed, so a client that retries
 * early is refused again (as Discord does).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { resetAt: number; used: number }>();
  private readonly blockedUntil = new Map<string, number>();
  private globalWindow = { resetAt: 0, used: 0 };
  private globalBlockedUntil = 0;

  constructor(private readonly knobs: KnobsAccess) {}

  check(req: GateRequest, now: number): GateDecision {
    const key = `${req.method} ${req.template}`;
    const id = `${key}|${req.major}`;
    const knobs = this.knobs.get();
    if (req.global && this.globalBlockedUntil > now) return this.tooManyGlobal(this.globalBlockedUntil - now);
    const blocked = this.blockedUntil.get(id) ?? 0;
    if (blocked > now) return this.tooMany(key, now, blocked - now, 1);

    const forced = this.take(knobs.force429, req);
    if (forced?.global) {
      // A global 429 stops every route of the bot token, not the one that drew it.
      this.globalBlockedUntil = now + forced.retryAfterMs;
      return this.tooManyGlobal(forced.retryAfterMs);
    }
    if (forced) {
      this.blockedUntil.set(id, now + forced.retryAfterMs);
      return this.tooMany(key, now, forced.retryAfterMs, 1);
    }
    const failure = this.take(knobs.fail5xx, req);
    if (failure) {
      return {
        kind: 'reject',
        status: failure.status,
        headers: {},
        body: { message: 'Internal Server Error', code: 0 },
      };
    }

    if (req.global && knobs.globalLimit) {
      const global = knobs.globalLimit;
      if (now >= this.globalWindow.resetAt) this.globalWindow = { resetAt: now + global.windowMs, used: 0 };
      if (this.globalWindow.used >= global.limit) {
        this.globalBlockedUntil = this.globalWindow.resetAt;
        return this.tooManyGlobal(this.globalWindow.resetAt - now);
      }
      this.globalWindow.used += 1;
    }

    const limit = req.bucketed ? (knobs.buckets[key] ?? knobs.defaultBucket) : null;
    if (!limit) return { kind: 'pass', headers: {} };
    let window = this.windows.get(id);
    if (!window || now >= window.resetAt) {
      window = { resetAt: now + limit.windowMs, used: 0 };
      this.windows.set(id, window);
    }
    if (window.used >= limit.limit) {
      this.blockedUntil.set(id, window.resetAt);
      return this.tooMany(key, now, window.resetAt - now, limit.limit);
    }
    window.used += 1;
    return {
      kind: 'pass',
      headers: {
        'x-ratelimit-limit': String(limit.limit),
        'x-ratelimit-remaining': String(limit.limit - window.used),
        'x-ratelimit-reset': seconds(window.resetAt),
        'x-ratelimit-reset-after': seconds(window.resetAt - now),
        'x-ratelimit-bucket': bucketHash(key),
      },
    };
  }

  reset(): void {
    this.windows.clear();
    this.blockedUntil.clear();
    this.globalWindow = { resetAt: 0, used: 0 };
    this.globalBlockedUntil = 0;
  }

  private take<T extends ForcedRateLimit | ForcedFailure>(
    list: readonly T[],
    req: GateRequest,
  ): T | undefined {
    const index = list.findIndex((f) => f.count > 0 && routeMatches(f.route, req.method, req.template));
    const fault = list[index];
    if (!fault) return undefined;
    const remaining = list.flatMap((f, i) =>
      i !== index ? [f] : f.count > 1 ? [{ ...f, count: f.count - 1 }] : [],
    );
    const knobs = this.knobs.get();
    this.knobs.replace(
      'retryAfterMs' in fault
        ? { ...knobs, force429: remaining as ForcedRateLimit[] }
        : { ...knobs, fail5xx: remaining as ForcedFailure[] },
    );
    return fault;
  }

  /** A route's bucket is spent: rate-limits.mdx "Example Exceeded User Rate Limit Response". */
  private tooMany(key: string, now: number, retryMs: number, limit: number): GateDecision {
    const retry = seconds(retryMs);
    return {
      kind: 'reject',
      status: 429,
      headers: {
        'retry-after': retry,
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': seconds(now + retryMs),
        'x-ratelimit-reset-after': retry,
        'x-ratelimit-bucket': bucketHash(key),
        'x-ratelimit-scope': 'user',
      },
      body: { message: 'You are being rate limited.', retry_after: Number(retry), global: false },
    };
  }

  /** The bot token's global limit: rate-limits.mdx "Example Exceeded Global Rate Limit Response". */
  private tooManyGlobal(retryMs: number): GateDecision {
    const retry = seconds(retryMs);
    return {
      kind: 'reject',
      status: 429,
      headers: { 'retry-after': retry, 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
      body: { message: 'You are being rate limited.', retry_after: Number(retry), global: true },
    };
  }
}

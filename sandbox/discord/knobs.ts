import { z } from 'zod';

export interface BucketLimit {
  limit: number;
  windowMs: number;
}

/**
 * A fault for the next `count` calls whose route matches `route`: an exact `METHOD /template` key,
 * a template for any method, `edits` (PATCH of any message) or `*`.
 */
export interface ForcedRateLimit {
  route: string;
  count: number;
  retryAfterMs: number;
  global: boolean;
}

export interface ForcedFailure {
  route: string;
  count: number;
  status: number;
}

/** Behaviour switches; settable at start, with setKnobs and with POST /_emulator/knobs. */
export interface DiscordKnobs {
  /** Added before every REST answer. */
  latencyMs: number;
  /** Bucket for routes without an entry in `buckets`; null: no limit and no X-RateLimit headers. */
  defaultBucket: BucketLimit | null;
  /** Per-route buckets keyed `METHOD /template` (see RecordedCall.route), counted per major parameter. */
  buckets: Record<string, BucketLimit>;
  /** The bot token's limit across all its routes (interaction endpoints excluded); null: none. */
  globalLimit: BucketLimit | null;
  force429: ForcedRateLimit[];
  fail5xx: ForcedFailure[];
  /** Interactions not acknowledged within this fail (Discord: 3 s). */
  ackTimeoutMs: number;
  /** Interaction tokens stop working this long after the interaction (Discord: 15 min). */
  tokenTtlMs: number;
  /** `shards` in GET /gateway/bot. */
  recommendedShards: number;
  /** `session_start_limit.max_concurrency`: shards that may identify at once (discord.js waits 5 s per extra round). */
  maxConcurrency: number;
  heartbeatIntervalMs: number;
}

/**
 * What Discord's headers report for the routes the bot uses most. rate-limits.mdx publishes no per-route
 * numbers ("rate limits should not be hard coded"); these are the observed ones: 5 messages per 5 s per
 * channel (X-RateLimit-Limit 5 on POST /channels/:id/messages, alexemanuelol/rustplusplus#475), one reaction
 * per 250 ms (discord/discord-api-docs#395, CharlotteDunois/Yasmin#33), webhooks about 5 per 2 s.
 */
export const DISCORD_LIKE_BUCKETS: Record<string, BucketLimit> = {
  'POST /channels/:channelId/messages': { limit: 5, windowMs: 5000 },
  'PATCH /channels/:channelId/messages/:messageId': { limit: 5, windowMs: 5000 },
  'PUT /channels/:channelId/messages/:messageId/reactions/:emoji/@me': { limit: 1, windowMs: 250 },
  'POST /webhooks/:applicationId/:token': { limit: 5, windowMs: 2000 },
  'PATCH /webhooks/:applicationId/:token/messages/:messageId': { limit: 5, windowMs: 2000 },
};

/** Defaults are Discord's behaviour; a test that wants a kinder world turns a knob and says why. */
export const DEFAULT_KNOBS: DiscordKnobs = {
  latencyMs: 0,
  defaultBucket: { limit: 50, windowMs: 1000 },
  buckets: DISCORD_LIKE_BUCKETS,
  // rate-limits.mdx "Global Rate Limit": "All bots can make up to 50 requests per second to our API."
  globalLimit: { limit: 50, windowMs: 1000 },
  force429: [],
  fail5xx: [],
  ackTimeoutMs: 3000,
  // receiving-and-responding.mdx: "Interaction tokens are valid for 15 minutes".
  tokenTtlMs: 15 * 60 * 1000,
  recommendedShards: 1,
  maxConcurrency: 16,
  heartbeatIntervalMs: 41_250,
};

const count = z.number().int().min(0);
const bucket = z.strictObject({ limit: z.number().int().min(1), windowMs: z.number().int().min(1) });

export const knobsUpdateSchema = z
  .strictObject({
    latencyMs: count,
    defaultBucket: bucket.nullable(),
    buckets: z.record(z.string().min(1), bucket),
    globalLimit: bucket.nullable(),
    force429: z.array(
      z.strictObject({
        route: z.string().min(1),
        count: z.number().int().min(1),
        retryAfterMs: z.number().int().min(1),
        global: z.boolean().default(false),
      }),
    ),
    fail5xx: z.array(
      z.strictObject({
        route: z.string().min(1),
        count: z.number().int().min(1),
        status: z.number().int().min(500).max(599).default(500),
      }),
    ),
    ackTimeoutMs: z.number().int().min(1),
    tokenTtlMs: z.number().int().min(1),
    recommendedShards: z.number().int().min(1).max(64),
    maxConcurrency: z.number().int().min(1),
    heartbeatIntervalMs: z.number().int().min(100),
  })
  .partial();

export type KnobsUpdate = z.input<typeof knobsUpdateSchema>;

/** Validates and applies an update; arrays and `buckets` are replaced as a whole. */
export function mergeKnobs(base: DiscordKnobs, update: KnobsUpdate): DiscordKnobs {
  const parsed = knobsUpdateSchema.parse(update);
  const next = { ...base };
  for (const [key, value] of Object.entries(parsed)) {
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

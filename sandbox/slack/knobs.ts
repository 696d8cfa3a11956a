import { z } from 'zod';

/** Behaviour switches of the Slack emulator; settable at start, with setKnobs and over POST /_emulator/knobs. */
export interface SlackKnobs {
  /**
   * Enforce Slack's per-method rate-limit tiers and chat.postMessage's per-channel rate (on by default, as in
   * Slack: https://docs.slack.dev/apis/web-api/rate-limits). A test that floods Slack on purpose turns it off
   * and says why.
   */
  rateLimits: boolean;
  /** Per-minute limit overrides by method name, e.g. { 'chat.update': 5 }. */
  methodLimitsPerMinute: Record<string, number>;
  /** chat.postMessage: sustained messages per second per channel, and the burst allowed above it. */
  postMessagePerSecond: number;
  postMessageBurst: number;
  /** The next N calls of a method answer HTTP 429 `ratelimited`. Counts down. */
  rateLimitNext: Record<string, number>;
  /** Retry-After (seconds) sent with forced 429s. */
  retryAfterSeconds: number;
  /** The next `count` calls of a method answer { ok: false, error }. Counts down. */
  failNext: Record<string, { error: string; count: number }>;
  /** Delay before every Web API answer, and per-method additions. */
  latencyMs: number;
  methodLatencyMs: Record<string, number>;
  /** Slack's ack window for commands, interactions and events. */
  ackTimeoutMs: number;
  /** Re-deliver Events API events that were not acked in time (X-Slack-Retry-Num 1..maxRetries). */
  eventRetries: boolean;
  maxRetries: number;
  /** Wait before retry n (index n-1); Slack's own schedule is about 0 s, 1 min, 5 min. */
  retryDelaysMs: number[];
  /** How long a trigger_id can open a view. */
  triggerTtlMs: number;
  /** response_url lifetime and use count (Slack: 30 min, 5 uses). */
  responseUrlTtlMs: number;
  responseUrlMaxUses: number;
  /** Longest the emulator waits for the bot to answer one delivery at all. */
  deliveryTimeoutMs: number;
  /**
   * Download every image block's image_url when a message or view is posted and refuse what cannot be
   * fetched or is not PNG, JPEG or GIF, as Slack does (see image-check.ts). On by default; a test turns it
   * off only to say why.
   */
  fetchImages: boolean;
  /** Longest one image download may take before it counts as failed. */
  imageFetchTimeoutMs: number;
  /**
   * How long an uploaded file (files v2) takes to be processed after files.completeUploadExternal: until
   * then its id is refused in image blocks and its shares are not posted (see file-store.ts).
   */
  fileProcessingMs: number;
}

export const DEFAULT_KNOBS: SlackKnobs = {
  rateLimits: true,
  methodLimitsPerMinute: {},
  postMessagePerSecond: 1,
  postMessageBurst: 5,
  rateLimitNext: {},
  retryAfterSeconds: 1,
  failNext: {},
  latencyMs: 0,
  methodLatencyMs: {},
  ackTimeoutMs: 3000,
  eventRetries: false,
  maxRetries: 3,
  retryDelaysMs: [0, 1000, 5000],
  triggerTtlMs: 3000,
  responseUrlTtlMs: 30 * 60_000,
  responseUrlMaxUses: 5,
  deliveryTimeoutMs: 30_000,
  fetchImages: true,
  imageFetchTimeoutMs: 5_000,
  // python-slack-sdk#1521: a fresh file id fails at once and works about a second later.
  fileProcessingMs: 1_000,
};

const count = z.number().int().min(0);
const method = z.string().regex(/^[a-zA-Z]+(\.[a-zA-Z]+)+$/, 'a Web API method name such as chat.update');

export const knobsUpdateSchema = z
  .strictObject({
    rateLimits: z.boolean(),
    methodLimitsPerMinute: z.record(method, z.number().int().min(1)),
    postMessagePerSecond: z.number().positive(),
    postMessageBurst: z.number().int().min(1),
    rateLimitNext: z.record(method, count),
    retryAfterSeconds: count.max(3600),
    failNext: z.record(method, z.strictObject({ error: z.string().min(1), count })),
    latencyMs: count,
    methodLatencyMs: z.record(method, count),
    ackTimeoutMs: z.number().int().min(1),
    eventRetries: z.boolean(),
    maxRetries: count.max(10),
    retryDelaysMs: z.array(count),
    triggerTtlMs: count,
    responseUrlTtlMs: count,
    responseUrlMaxUses: z.number().int().min(1),
    deliveryTimeoutMs: z.number().int().min(1),
    fetchImages: z.boolean(),
    imageFetchTimeoutMs: z.number().int().min(1),
    fileProcessingMs: count,
  })
  .partial();

export type KnobsUpdate = z.input<typeof knobsUpdateSchema>;

/** Shallow merge: record-valued knobs are merged key by key, so one method can be changed alone. */
export function mergeKnobs(base: SlackKnobs, update: KnobsUpdate): SlackKnobs {
  const parsed = knobsUpdateSchema.parse(update);
  const next: SlackKnobs = structuredClone(base);
  for (const [key, value] of Object.entries(parsed)) {
    if (value === undefined) continue;
    const current = (next as unknown as Record<string, unknown>)[key];
    const isRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    (next as unknown as Record<string, unknown>)[key] =
      isRecord(current) && isRecord(value) ? { ...(current as object), ...(value as object) } : value;
  }
  return next;
}

export type ForcedOutcome =
  | { kind: 'ratelimited'; retryAfterSeconds: number }
  | { kind: 'error'; error: string };

/** Takes one forced outcome (rateLimitNext first, then failNext) for a method; returns the counted-down knobs. */
export function takeForcedOutcome(
  knobs: SlackKnobs,
  method: string,
): { outcome?: ForcedOutcome; knobs: SlackKnobs } {
  const left = knobs.rateLimitNext[method] ?? 0;
  if (left > 0) {
    return {
      outcome: { kind: 'ratelimited', retryAfterSeconds: knobs.retryAfterSeconds },
      knobs: { ...knobs, rateLimitNext: { ...knobs.rateLimitNext, [method]: left - 1 } },
    };
  }
  const fail = knobs.failNext[method];
  if (fail && fail.count > 0) {
    return {
      outcome: { kind: 'error', error: fail.error },
      knobs: { ...knobs, failNext: { ...knobs.failNext, [method]: { ...fail, count: fail.count - 1 } } },
    };
  }
  return { knobs };
}

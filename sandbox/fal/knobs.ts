import { z } from 'zod';
import { MEDIA_FORMATS, type MediaFormat } from './media-format.js';

/** Behaviour switches of the fal emulator; settable at start, at runtime and over HTTP. */
export interface FalKnobs {
  /** How long a job stays IN_PROGRESS. */
  latencyMs: number;
  /** Each job's latency is latencyMs ± up to this much. */
  latencySpreadMs: number;
  /** Jobs IN_PROGRESS at once, per model; the rest wait IN_QUEUE. */
  concurrency: number;
  /** Share of submits answered with failureStatus (no job created). */
  failureRate: number;
  failureStatus: number;
  /** Deterministic burst: the next N submits fail with failureStatus. Counts down. */
  failNextSubmits: number;
  /** Share of submits answered 429. */
  rateLimit429Rate: number;
  /** Every submit is refused with 422 (also triggered per request by "__422__" in the prompt). */
  reject422: boolean;
  /** Jobs reaching the end of inference stay IN_PROGRESS forever. */
  hang: boolean;
  /** A completed job's result answers 500 this many times before it succeeds. */
  completedThen500: number;
  /** Share of results flagged NSFW (also triggered by "__nsfw__" in the prompt). */
  nsfwRate: number;
  /** Media URLs answer 404, as fal's temporary URLs do once they expire. */
  mediaExpired: boolean;
  /** The queue API answers 503 to everything. */
  down: boolean;
  /** What result images are encoded as (`svg` is a hostile file with script in it). */
  mediaFormat: MediaFormat;
  /** Content type claimed for result images (in the output and on the media URL); '' means the true one. */
  mediaContentType: string;
  /** Overrides for one endpoint id (e.g. make only the primary model fail). Replaced as a whole by setKnobs. */
  perModel: Record<string, Partial<ModelKnobs>>;
}

export type ModelKnobs = Omit<FalKnobs, 'perModel' | 'failNextSubmits'>;

export const DEFAULT_KNOBS: FalKnobs = {
  latencyMs: 1500,
  latencySpreadMs: 0,
  concurrency: 2,
  failureRate: 0,
  failureStatus: 503,
  failNextSubmits: 0,
  rateLimit429Rate: 0,
  reject422: false,
  hang: false,
  completedThen500: 0,
  nsfwRate: 0,
  mediaExpired: false,
  down: false,
  mediaFormat: 'png',
  mediaContentType: '',
  perModel: {},
};

const rate = z.number().min(0).max(1);
const count = z.number().int().min(0);

const modelKnobsShape = {
  latencyMs: count,
  latencySpreadMs: count,
  concurrency: z.number().int().min(1).max(1000),
  failureRate: rate,
  failureStatus: z.number().int().min(500).max(599),
  rateLimit429Rate: rate,
  reject422: z.boolean(),
  hang: z.boolean(),
  completedThen500: count,
  nsfwRate: rate,
  mediaExpired: z.boolean(),
  down: z.boolean(),
  mediaFormat: z.enum(MEDIA_FORMATS),
  mediaContentType: z.string().max(100),
};

const modelKnobsSchema = z.strictObject(modelKnobsShape).partial();

/** Validates a partial knob update (the HTTP admin endpoint's body). */
export const knobsUpdateSchema = z
  .strictObject({
    ...modelKnobsShape,
    failNextSubmits: count,
    perModel: z.record(z.string().min(1), modelKnobsSchema),
  })
  .partial();

export type KnobsUpdate = z.infer<typeof knobsUpdateSchema>;

export function mergeKnobs(base: FalKnobs, update: KnobsUpdate): FalKnobs {
  const next: FalKnobs = { ...base };
  for (const [key, value] of Object.entries(update)) {
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** The knobs that apply to one endpoint id: global values with that model's overrides on top. */
export function knobsFor(knobs: FalKnobs, model: string): ModelKnobs {
  const { perModel, failNextSubmits: _, ...global } = knobs;
  const override = perModel[model] ?? {};
  return mergeKnobs({ ...global, perModel: {}, failNextSubmits: 0 }, override);
}

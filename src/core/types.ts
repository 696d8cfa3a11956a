import type { Aspect } from './catalog/schema.js';
import type { ErrorClass } from './errors.js';
import type { PromptFit } from './prompt/fit-prompt.js';

export type { PromptFit } from './prompt/fit-prompt.js';

/** How a record's prompt was fitted, its size aside (kept in its own column, promptTokens). */
export type RecordedFit = Omit<PromptFit, 'used'>;

/** A LoRA for models that take them: the catalog's, when its trigger word stands in the prompt. */
export interface LoraWeight {
  url: string;
  scale: number;
}

export type Platform = 'discord' | 'slack' | 'cli' | 'web';

/** What someone asked for, before validation. Values are option ids keyed by dimension id. */
export interface GenerationParams {
  catalogId: string;
  options: Record<string, string>;
  extra?: string;
  aspect?: Aspect;
}

/** The result of the prompt engine: deterministic for the same canonical params. */
export interface BuiltPrompt {
  catalogId: string;
  /** Every dimension filled in (defaults applied), keys in catalog order. */
  options: Record<string, string>;
  extra: string;
  aspect: Aspect;
  width: number;
  height: number;
  prompt: string;
  /** For models with a native negative-prompt field (the prompt itself states the same positively). */
  negativePrompt: string;
  /** sha256 hex of the canonical params (catalog id + version, options, extra, aspect; budget when fitted). */
  hash: string;
  /** How the prompt was fitted to the model's budget; absent when it was built without one. */
  fit?: PromptFit;
  /** The catalog's brand assets, for models that take them. */
  loras?: LoraWeight[];
  referenceImageUrls?: string[];
  /** The brand palette as `#rrggbb`. */
  colors?: string[];
}

/** Who asked and where the answer goes. `replyRef` is opaque adapter data (tokens, ids). */
export interface Requester {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  userId: string;
  messageId?: string;
  replyRef?: string;
  /**
   * The platform vouches this person administers the workspace (Discord: Manage Server permission;
   * Slack: listed in SLACK_ADMIN_USER_IDS). Admins may delete anyone's results and run /atelier.
   */
  admin?: boolean;
  /** The channel is marked NSFW on the platform (Discord age-restricted channels). */
  nsfwChannel?: boolean;
}

export type GenerationStatus =
  | 'queued'
  | 'submitted'
  | 'generating'
  | 'storing'
  | 'done'
  | 'failed'
  | 'blocked'
  /** A tombstone: the owner or an admin deleted the result; the image left storage, the record stays. */
  | 'deleted';

export const FINISHED_STATUSES: readonly GenerationStatus[] = ['done', 'failed', 'blocked', 'deleted'];

/** One row of the generations table. */
export interface Generation {
  id: string;
  createdAt: number;
  updatedAt: number;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  userId: string;
  messageId: string | null;
  replyRef: string | null;
  catalogId: string;
  options: Record<string, string>;
  extra: string;
  aspect: Aspect;
  promptHash: string;
  seed: number;
  model: string;
  /**
   * What the fitted prompt took of the model's budget, in the budget's unit (T5 tokens, or characters),
   * and how it was fitted: null for records made before it was kept.
   */
  promptTokens: number | null;
  promptFit: RecordedFit | null;
  status: GenerationStatus;
  statusDetail: string | null;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
  attempts: number;
  requestId: string | null;
  parentId: string | null;
  /** Set when this generation is a frame of a sequence run (all frames share it). */
  sequenceId: string | null;
  imageKey: string | null;
  imageUrl: string | null;
  thumbKey: string | null;
  thumbUrl: string | null;
  width: number | null;
  height: number | null;
  bytes: number | null;
  submittedAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  /** Estimated provider cost in micro-dollars (0 when an image was reused). */
  costMicros: number;
  /** Marked by `batch`: the style browser's example for its option. */
  isExample: boolean;
  /** Requested where NSFW_POLICY allows images the provider flags (an NSFW channel); kept for restarts. */
  nsfwAllowed: boolean;
  /** Tombstone: when and by whom (platform user id) the result was deleted. */
  deletedAt: number | null;
  deletedBy: string | null;
}

export type NewGeneration = Pick<
  Generation,
  | 'platform'
  | 'workspaceId'
  | 'channelId'
  | 'userId'
  | 'catalogId'
  | 'options'
  | 'extra'
  | 'aspect'
  | 'promptHash'
  | 'seed'
  | 'model'
> &
  Partial<
    Pick<
      Generation,
      | 'id'
      | 'messageId'
      | 'replyRef'
      | 'parentId'
      | 'sequenceId'
      | 'isExample'
      | 'nsfwAllowed'
      | 'createdAt'
      | 'width'
      | 'height'
      | 'promptTokens'
      | 'promptFit'
    >
  >;

export type GenerationPatch = Partial<Omit<Generation, 'id' | 'createdAt'>>;

/** How far galleries count a user's images past the page shown ("10,000+" beyond it). */
export const HISTORY_COUNT_LIMIT = 10_000;

export interface HistoryQuery {
  userId?: string;
  platform?: Platform;
  workspaceId?: string;
  catalogId?: string;
  /** Dimension filters: option ids keyed by dimension id. */
  filters?: Record<string, string>;
  status?: GenerationStatus;
  limit: number;
  offset: number;
  /**
   * Count at most this many matches past `offset` (then Page.more is set). A heavy user's exact total
   * reads every one of their records; pagers only need to know there is more.
   */
  countLimit?: number;
}

export interface Page<T> {
  items: T[];
  /** How many match; with `more`, a lower bound (the count stopped at HistoryQuery.countLimit). */
  total: number;
  /** There are more than `total` matches: show the total as "10,000+". */
  more?: boolean;
}

export interface GenerationRepository {
  create(input: NewGeneration): Promise<Generation>;
  /**
   * Writes the patch and returns the record after it. With `base` (the caller's copy of the record) the
   * row is not read back: the result is base with the patch applied, which saves most of a write's cost.
   */
  update(id: string, patch: GenerationPatch, base?: Generation): Promise<Generation>;
  /** Writes the patch without reading the record back (throws not_found when there is no such job). */
  patch(id: string, patch: GenerationPatch): Promise<void>;
  get(id: string): Promise<Generation | undefined>;
  findByMessage(platform: Platform, messageId: string): Promise<Generation | undefined>;
  /** Jobs that were not finished, oldest first. */
  findUnfinished(): Promise<Generation[]>;
  /** Records that these jobs' chat messages showed their final state (at epoch ms). */
  markFinalShown(ids: readonly string[], at: number): Promise<void>;
  /**
   * Finished jobs with a chat message not yet seen showing the outcome, updated at or after `since`,
   * newest first (see schema's finalShownAt).
   */
  findUnshownFinals(since: number, limit: number): Promise<Generation[]>;
  /** A finished image for the same prompt, model and seed, if one exists. */
  findReusable(promptHash: string, model: string, seed: number): Promise<Generation | undefined>;
  /** Newest first; only finished ('done') results unless query.status says otherwise. */
  history(query: HistoryQuery): Promise<Page<Generation>>;
  /** The style browser's examples: one per option of the catalog's style dimension. */
  examples(catalogId: string, dimension: string): Promise<Generation[]>;
  /** Recent provider durations (ms, newest first) to estimate waits. */
  recentDurations(limit: number): Promise<number[]>;
  /** Present when several processes may share the database: who runs which unfinished job. */
  readonly leases?: JobLeases;
}

/**
 * Replicas on one database: each unfinished job is leased to the process running it and renewed while
 * it runs, so a process starting up, or looking for work a stopped one left, takes only jobs nobody holds.
 * New jobs are leased to the process that records them.
 */
export interface JobLeases {
  /** How long a lease lasts unless renewed (renew well within it). */
  readonly ttlMs: number;
  /**
   * Leases to this process the unfinished jobs that no live process holds (never leased, expired or
   * released), oldest first; with includeOwn also the ones this process holds (its own, before a restart).
   */
  claim(options: { includeOwn: boolean }): Promise<Generation[]>;
  /** Extends this process's leases on its unfinished jobs. */
  renew(): Promise<void>;
  /** Ends this process's leases on its unfinished jobs, so another process may take them at once. */
  release(): Promise<void>;
}

export interface PromptCacheEntry {
  hash: string;
  catalogId: string;
  prompt: string;
  negativePrompt: string;
  params: string;
  createdAt: number;
  hits: number;
}

export interface PromptCacheRepository {
  get(hash: string): Promise<PromptCacheEntry | undefined>;
  /** Insert or, when present, count a hit. */
  put(entry: Omit<PromptCacheEntry, 'createdAt' | 'hits'>): Promise<void>;
}

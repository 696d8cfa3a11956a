/**
 * The interfaces the core owns. Infra implements them; src/main.ts wires real ones;
 * tests wire real ones against local servers (libSQL files, s3rver, the fal emulator).
 */

// ───────────────────────── clock ─────────────────────────
export interface Clock {
  now(): number;
  /**
   * Resolves after `ms`; rejects with the signal's reason when aborted. A `background` wait does not by
   * itself keep the process running (housekeeping timers).
   */
  sleep(ms: number, signal?: AbortSignal, options?: { background?: boolean }): Promise<void>;
}

// ───────────────────────── image provider ─────────────────────────
export interface ProviderInput {
  prompt: string;
  /** Sent only to models with a native negative-prompt field. */
  negativePrompt: string;
  seed: number;
  width: number;
  height: number;
  /** Model to prefer; the provider may fall back to another when it is down. */
  model?: string;
  /**
   * false: ask the provider not to run its safety checker (jobs allowed to post NSFW images; fal blacks
   * out what its checker flags). Default: on.
   */
  safetyChecker?: boolean;
  /** The catalog's brand assets, for the models that take them (file:// references are uploaded first). */
  loras?: { url: string; scale: number }[];
  referenceImageUrls?: string[];
  /** `#rrggbb` */
  colors?: string[];
  /**
   * An action on an image (absent: text to image). It goes to the model configured for it (FAL_EDIT_MODEL,
   * FAL_UPSCALE_MODEL, FAL_VARIATION_MODEL), not to the text-to-image chain.
   */
  action?: ImageActionKind;
  /** The image(s) the action starts from: URLs the provider can fetch (see ImageUploader). */
  imageUrls?: string[];
  /** Image-to-image: how far to move from the source (the profile's range; its default when absent). */
  strength?: number;
  /** Images wanted from this one request (default 1), up to what the model takes per request. */
  count?: number;
  /** Upscale: the factor (the profile's range; its default when absent). */
  upscaleFactor?: number;
  /** Edit: the instruction in words, sent as the model's prompt (in place of `prompt`). */
  instruction?: string;
}

/** What can be done to a finished image: a variation, an edit in words, an upscale. */
export type ImageActionKind = 'variation' | 'edit' | 'upscale';

/** Hands an image to the provider as a URL it can fetch (fal's storage, when our media are not public). */
export interface ImageUploader {
  upload(bytes: Buffer, contentType: string, signal?: AbortSignal): Promise<string>;
}

export interface ProviderJob {
  requestId: string;
  model: string;
}

export type ProviderUpdate =
  | { state: 'IN_QUEUE'; position: number }
  | { state: 'IN_PROGRESS'; progress?: number }
  | { state: 'COMPLETED' };

export interface ProviderImage {
  url: string;
  width: number;
  height: number;
  contentType: string;
}

export interface ProviderResult {
  requestId: string;
  model: string;
  /** Undefined when the model reports none (Recraft V3 takes and returns no seed). */
  seed: number | undefined;
  images: ProviderImage[];
  /** One flag per image: the provider's safety checker thinks it is not safe for work. */
  nsfw: boolean[];
  inferenceMs?: number;
}

export interface ImageProvider {
  /** Models in the order they are tried: the primary, then fallbacks. */
  readonly models: readonly string[];
  /** Submit once. Never retried in a way that could create a second job without the caller knowing. */
  submit(input: ProviderInput, signal?: AbortSignal): Promise<ProviderJob>;
  /** Follow a submitted job (also one submitted by a previous process) to its result. */
  wait(
    job: ProviderJob,
    onUpdate: (u: ProviderUpdate) => void,
    signal?: AbortSignal,
  ): Promise<ProviderResult>;
  /** Download a result image (provider URLs are temporary); `contentType` is only what the response claimed. */
  download(url: string, signal?: AbortSignal): Promise<{ body: Buffer; contentType: string }>;
  health(): ProviderHealth;
}

export interface ProviderHealth {
  circuit: Record<string, 'closed' | 'open' | 'halfOpen'>;
}

// ───────────────────────── storage ─────────────────────────
export interface StoredObject {
  key: string;
  url: string;
  size: number;
  contentType: string;
}

export interface ObjectStore {
  readonly driver: 'local' | 'r2';
  put(
    key: string,
    body: Buffer,
    meta: { contentType: string; metadata?: Record<string, string> },
  ): Promise<StoredObject>;
  get(key: string): Promise<{ body: Buffer; contentType: string } | null>;
  delete(key: string): Promise<void>;
  publicUrl(key: string): string;
  /** Throws when the store cannot be reached (readiness). */
  check(): Promise<void>;
}

/** What chat adapters read of the store: public URLs (link delivery) and the bytes (upload delivery). */
export type MediaStore = Pick<ObjectStore, 'get' | 'publicUrl'>;

export interface ImageProcessor {
  /** Dimensions as displayed (EXIF orientation applied) and the decoded format (`png`, `jpeg`, `svg`, …). */
  probe(body: Buffer): Promise<{ width: number; height: number; format: string }>;
  /** Re-encodes a decodable image as PNG: first frame, EXIF orientation applied, metadata dropped. */
  toPng(body: Buffer): Promise<Buffer>;
  thumbnail(body: Buffer, maxSide?: number): Promise<{ body: Buffer; contentType: string }>;
}

// ───────────────────────── scheduling ─────────────────────────
export interface ScheduledJob {
  id: string;
  userId: string;
}

export interface JobScheduler {
  /**
   * Run fn when a provider slot is free (shared across processes when clustered). Rejects with
   * SchedulerStoppedError (core/errors.ts) when the scheduler stops before fn starts.
   */
  schedule<T>(job: ScheduledJob, fn: () => Promise<T>): Promise<T>;
  /** 1-based position among jobs waiting in this process, or undefined when not waiting. */
  position(jobId: string): number | undefined;
  /** Every waiting job's 1-based position, in start order; read at once, valid until the next change. */
  positions(): ReadonlyMap<string, number>;
  /**
   * Called after the places of jobs already waiting may have changed (a job started, finished, or was added
   * ahead of some of them). A job added at the back moves nobody: its scheduler reads its place with position().
   */
  onChange(listener: () => void): () => void;
  counts(): { waiting: number; running: number };
  /** Throws when the shared datastore cannot be reached. */
  check(): Promise<void>;
  /** Stop taking new jobs; waits for running ones up to timeoutMs. */
  stop(timeoutMs: number): Promise<void>;
}

// ───────────────────────── seen keys (replay protection) ─────────────────────────
/**
 * Keys remembered for a while; the first claim of a key wins. Shared by every process when backed by Redis,
 * so a request a load balancer hands to two replicas is still handled once.
 */
export interface SeenKeys {
  /** True the first time `key` is claimed while it is remembered (ttlMs from now); false for a repeat. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

// ───────────────────────── chat API calls (metrics) ─────────────────────────
/** Counts one call a chat adapter made to its platform's API (`method`: e.g. `POST /channels/:id/messages`). */
export type ChatCallCounter = (call: { platform: string; method: string }) => void;

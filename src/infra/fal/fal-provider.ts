import { systemClock } from '../../core/clock.js';
import { ProviderError } from '../../core/errors.js';
import { ACTIONS_SERVING, actionOf, type ModelProfile } from '../../core/generation/model-profile.js';
import type { Logger } from '../../core/logger.js';
import type { Clock, ImageActionKind, ImageProvider, ProviderInput, ProviderJob } from '../../core/ports.js';
import { type RetryPolicy, withRetry } from '../../core/retry.js';
import { classifyFalError } from './classify-error.js';
import { downloadImage } from './download-image.js';
import { createRoutedFalClient, withTimeout } from './fal-client.js';
import { missingFields, toFalInput } from './fal-input.js';
import { followJob } from './follow-job.js';
import { type BreakerSettings, DEFAULT_BREAKER, ModelBreakers } from './model-breakers.js';
import { findProfile } from './profiles/index.js';
import { createProviderEvents, type FalEventListener, isRateLimited } from './provider-events.js';

export interface FalTimeouts {
  /** One submit request (aborted when exceeded; counts as a failure of that model). */
  submitMs: number;
  /** One status or result request. */
  requestMs: number;
  /** Whole wait() for one job. */
  waitMs: number;
  pollIntervalMs: number;
  downloadMs: number;
}

export interface FalRetry {
  /** Submit attempts per model, the first included (retryable failures only). */
  submit: RetryPolicy;
  /** Result fetch attempts after COMPLETED. */
  result: RetryPolicy;
  random: () => number;
}

export interface FalProviderOptions {
  key: string;
  queueUrl: string;
  /** FAL_MODEL then FAL_FALLBACK_MODELS, in the order they are tried; each needs a profile. */
  models: readonly string[];
  /** Profiles beyond the shipped ones (FAL_MODEL_PROFILE). */
  profiles?: readonly ModelProfile[];
  /**
   * The model for each action on an image (FAL_VARIATION_MODEL, FAL_EDIT_MODEL, FAL_UPSCALE_MODEL): a job
   * with `action` goes there alone (the text-to-image fallbacks cannot serve it).
   */
  actions?: Partial<Record<ImageActionKind, ModelProfile>>;
  log: Logger;
  clock?: Clock;
  timeouts?: Partial<FalTimeouts>;
  retry?: Partial<FalRetry>;
  breaker?: Partial<BreakerSettings>;
  maxDownloadBytes?: number;
  fetch?: typeof fetch;
  /** Follow jobs over fal's status stream (default) or, when false, by polling every pollIntervalMs. */
  statusStream?: boolean;
}

export interface FalProvider extends ImageProvider {
  /** Stops the circuit breakers' timers. */
  close(): void;
  /** Rate limiting (fal answered 429) and circuit state changes, per model (alerts). */
  onEvent(listener: FalEventListener): () => void;
}

export const DEFAULT_TIMEOUTS: FalTimeouts = {
  submitMs: 20_000,
  requestMs: 15_000,
  waitMs: 5 * 60_000,
  pollIntervalMs: 500,
  downloadMs: 30_000,
};

const DEFAULT_SUBMIT_RETRY: RetryPolicy = { attempts: 3, baseMs: 500, capMs: 8_000 };
const DEFAULT_RESULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 500, capMs: 8_000 };

export function createFalProvider(options: FalProviderOptions): FalProvider {
  if (options.models.length === 0) throw new Error('createFalProvider: at least one model is required');
  const profiles = new Map<string, ModelProfile>();
  for (const model of options.models) {
    const profile = findProfile(model, options.profiles);
    if (!profile) throw new Error(`createFalProvider: no model profile for ${model}`);
    profiles.set(model, profile);
  }
  for (const profile of Object.values(options.actions ?? {})) profiles.set(profile.endpoint, profile);
  const clock = options.clock ?? systemClock;
  const log = options.log.child({ component: 'fal' });
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const retry: FalRetry = {
    submit: DEFAULT_SUBMIT_RETRY,
    result: DEFAULT_RESULT_RETRY,
    random: Math.random,
    ...options.retry,
  };
  const fetchImpl = options.fetch ?? fetch;
  const client = createRoutedFalClient({ key: options.key, queueUrl: options.queueUrl, fetch: fetchImpl });
  const events = createProviderEvents(log);
  const breakers = new ModelBreakers<[Record<string, unknown>], string>(
    (model) => async (input, signal) => {
      const queued = await client.queue
        .submit(model, {
          input,
          abortSignal: withTimeout(signal, timeouts.submitMs),
        })
        .catch((error: unknown) => {
          if (isRateLimited(error)) events.emit({ kind: 'rate_limited', model });
          throw error;
        });
      return queued.request_id;
    },
    { ...DEFAULT_BREAKER, ...options.breaker },
    log,
    (model, state) => events.emit({ kind: 'circuit', model, state }),
  );

  async function submitTo(
    model: string,
    input: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<string> {
    const breaker = breakers.get(model);
    return withRetry(() => breaker.fire(input, signal), retry.submit, {
      clock,
      random: retry.random,
      // An open circuit will not close during our backoff: move on to the next model at once.
      retryIf: (error) => {
        const c = classifyFalError(error);
        return c.errorClass === 'retryable' && c.info.code !== 'circuit_open';
      },
      onRetry: ({ attempt, delayMs, error }) =>
        log.warn(
          { model, attempt, delayMs, code: classifyFalError(error).info.code },
          'fal submit failed; retrying',
        ),
      signal,
    });
  }

  /** The one model for an action: the job's own when it serves that action (a resumed job), else the configured. */
  function actionModels(action: ImageActionKind, requested: string | undefined): string[] {
    const own = requested ? profiles.get(requested) : undefined;
    if (own && ACTIONS_SERVING[action].includes(actionOf(own))) return [own.endpoint];
    const configured = options.actions?.[action];
    if (configured) return [configured.endpoint];
    throw new ProviderError('fatal', `no model is configured for ${action}s`, { code: 'no_model' });
  }

  return {
    models: options.models,

    async submit(input: ProviderInput, signal?: AbortSignal): Promise<ProviderJob> {
      const order = input.action
        ? actionModels(input.action, input.model)
        : // A job recorded for a model this process is not configured with goes to the configured chain.
          input.model && options.models.includes(input.model)
          ? [input.model, ...options.models.filter((m) => m !== input.model)]
          : options.models;
      let lastError: ProviderError | undefined;
      for (const model of order) {
        const profile = profiles.get(model)!;
        // Each endpoint gets the body its profile allows: a fallback is not sent the primary's fields.
        const body = toFalInput(profile, input);
        const missing = missingFields(profile, body);
        if (missing.length > 0) {
          // Start-up refuses such a chain; a job that still gets here must not be sent a body fal refuses.
          log.warn({ model, missing }, 'fal model needs inputs this job does not carry; skipping it');
          lastError = new ProviderError('fatal', `${model} needs ${missing.join(', ')}`, {
            code: 'missing_input',
          });
          continue;
        }
        if (breakers.get(model).opened) {
          log.info({ model }, 'fal model circuit is open; skipping it');
          lastError = classifyFalError(Object.assign(new Error('Breaker is open'), { code: 'EOPENBREAKER' }));
          continue;
        }
        try {
          const requestId = await submitTo(model, body, signal);
          log.info({ model, requestId }, 'fal job submitted');
          return { requestId, model };
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          const classified = classifyFalError(error);
          // Bad input fails the same way everywhere; bad credentials too.
          if (classified.errorClass !== 'retryable') throw classified;
          lastError = classified;
          log.warn({ model, code: classified.info.code }, 'fal model unavailable; trying the next one');
        }
      }
      if (lastError?.errorClass === 'fatal') throw lastError;
      throw new ProviderError('retryable', 'No image model is available right now', {
        code: lastError?.info.code ?? 'unavailable',
        ...(lastError?.info.status === undefined ? {} : { status: lastError.info.status }),
        cause: lastError,
      });
    },

    wait: (job, onUpdate, signal) =>
      followJob(
        {
          client,
          clock,
          log,
          random: retry.random,
          settings: {
            waitMs: timeouts.waitMs,
            pollIntervalMs: timeouts.pollIntervalMs,
            streamStatus: options.statusStream !== false,
            requestMs: timeouts.requestMs,
            resultRetry: retry.result,
          },
        },
        job,
        onUpdate,
        signal,
      ),

    download: (url, signal) =>
      downloadImage(
        url,
        {
          timeoutMs: timeouts.downloadMs,
          maxBytes: options.maxDownloadBytes ?? 20 * 1024 * 1024,
          fetch: fetchImpl,
        },
        signal,
      ),

    health: () => ({ circuit: breakers.states(options.models) }),

    close: () => breakers.shutdown(),

    onEvent: events.onEvent,
  };
}

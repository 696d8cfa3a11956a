import type { ProviderInput, ProviderUpdate } from '../../../src/core/ports.js';
import { createFalProvider, type FalProviderOptions } from '../../../src/infra/fal/fal-provider.js';
import { createLogger } from '../../../src/infra/logger.js';

export const PRIMARY = 'fal-ai/flux/schnell';
export const FALLBACK = 'fal-ai/flux/dev';

export const silentLog = createLogger('silent');

/** A provider tuned for tests: short polls, tiny backoffs (same code paths, smaller numbers). */
export function createTestProvider(queueUrl: string, overrides: Partial<FalProviderOptions> = {}) {
  return createFalProvider({
    key: 'test-key',
    queueUrl,
    models: [PRIMARY],
    log: silentLog,
    timeouts: { pollIntervalMs: 10, waitMs: 10_000, requestMs: 2_000, submitMs: 2_000, downloadMs: 2_000 },
    retry: {
      submit: { attempts: 3, baseMs: 2, capMs: 10 },
      result: { attempts: 4, baseMs: 2, capMs: 10 },
    },
    ...overrides,
  });
}

let counter = 0;
export function input(
  prompt = `a fox in the snow #${++counter}`,
  extra: Partial<ProviderInput> = {},
): ProviderInput {
  return { prompt, negativePrompt: '', seed: 1234, width: 1024, height: 768, ...extra };
}

export function recorder() {
  const updates: ProviderUpdate[] = [];
  return { updates, onUpdate: (u: ProviderUpdate) => updates.push(u) };
}

/** Rejection of a promise, for asserting on error fields. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

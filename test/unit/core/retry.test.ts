import { describe, expect, it } from 'vitest';
import { backoffDelay, withRetry } from '../../../src/core/retry.js';

const policy = { attempts: 3, baseMs: 500, capMs: 8_000 };

/** A clock whose waits return at once and are written down. */
function recordingClock() {
  const delays: number[] = [];
  return { delays, clock: { sleep: async (ms: number) => void delays.push(ms) } };
}

describe('backoffDelay', () => {
  it('uses full jitter under an exponential ceiling capped at capMs', () => {
    expect(backoffDelay(policy, 0, () => 0.999)).toBe(499);
    expect(backoffDelay(policy, 2, () => 0.5)).toBe(1_000);
    expect(backoffDelay(policy, 10, () => 0.999)).toBe(7_992);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
  });
});

describe('withRetry', () => {
  it('retries retryable failures until one succeeds', async () => {
    const { delays, clock } = recordingClock();
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw new Error('flaky');
        return 'ok';
      },
      policy,
      { clock, random: () => 0.5, retryIf: () => true },
    );
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(delays).toEqual([250, 500]);
  });

  it('stops at the attempt limit and rethrows the last error', async () => {
    const { clock } = recordingClock();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error(`fail ${calls}`);
        },
        policy,
        { clock, retryIf: () => true },
      ),
    ).rejects.toThrow('fail 3');
    expect(calls).toBe(3);
  });

  it('does not retry errors the predicate refuses, nor after an abort', async () => {
    const { delays, clock } = recordingClock();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error('user');
        },
        policy,
        { clock, retryIf: () => false },
      ),
    ).rejects.toThrow('user');
    const controller = new AbortController();
    controller.abort();
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error('aborted');
        },
        policy,
        { clock, retryIf: () => true, signal: controller.signal },
      ),
    ).rejects.toThrow('aborted');
    expect(calls).toBe(2);
    expect(delays).toEqual([]);
  });
});

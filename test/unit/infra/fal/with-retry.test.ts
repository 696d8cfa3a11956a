import { describe, expect, it } from 'vitest';
import { backoffDelay, withRetry } from '../../../../src/infra/fal/with-retry.js';

const policy = { attempts: 3, baseMs: 500, capMs: 8_000 };

function recordingSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
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
    const { delays, sleep } = recordingSleep();
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw new Error('flaky');
        return 'ok';
      },
      policy,
      { sleep, random: () => 0.5, shouldRetry: () => true },
    );
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(delays).toEqual([250, 500]);
  });

  it('stops at the attempt limit and rethrows the last error', async () => {
    const { sleep } = recordingSleep();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error(`fail ${calls}`);
        },
        policy,
        { sleep, shouldRetry: () => true },
      ),
    ).rejects.toThrow('fail 3');
    expect(calls).toBe(3);
  });

  it('does not retry errors the predicate refuses, nor after an abort', async () => {
    const { delays, sleep } = recordingSleep();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error('user');
        },
        policy,
        { sleep, shouldRetry: () => false },
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
        { sleep, shouldRetry: () => true, signal: controller.signal },
      ),
    ).rejects.toThrow('aborted');
    expect(calls).toBe(2);
    expect(delays).toEqual([]);
  });
});

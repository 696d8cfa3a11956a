import { describe, expect, it } from 'vitest';
import { watchLoopDelay } from '../../../bench/burst-common.js';

describe('watchLoopDelay', () => {
  it('reports how long this process could not run its loop while it waited', async () => {
    let done = false;
    setTimeout(() => {
      const until = performance.now() + 80;
      while (performance.now() < until) {
        // a load generator busy making commands
      }
      setTimeout(() => {
        done = true;
      }, 30);
    }, 30);
    const delay = await watchLoopDelay().until(() => done, 10_000);
    expect(done).toBe(true);
    expect(delay.maxMs).toBeGreaterThanOrEqual(70);
    expect(delay.p99Ms).toBeLessThanOrEqual(delay.maxMs);
  });

  it('gives up after maxMs when the commands are never all acknowledged', async () => {
    const started = Date.now();
    const delay = await watchLoopDelay().until(() => false, 100);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(delay.maxMs).toBeGreaterThanOrEqual(0);
  });
});

import { describe, expect, it } from 'vitest';
import { runAfter, runEvery } from '../../../src/core/clock.js';
import { manualClock } from '../../helpers/manual-clock.js';

describe('timers on the injected clock', () => {
  it('runAfter fires when fake time reaches it, not before, and not once cancelled', async () => {
    const { clock, advance, pending } = manualClock();
    const fired: number[] = [];
    runAfter(clock, 1_000, () => fired.push(clock.now()));
    const cancel = runAfter(clock, 500, () => fired.push(-1));
    cancel();
    await advance(999);
    expect(fired).toEqual([]);
    await advance(1);
    expect(fired).toEqual([1_000]);
    expect(pending()).toBe(0);
  });

  it('runEvery fires once per period of fake time until stopped', async () => {
    const { clock, advance, pending } = manualClock();
    const fired: number[] = [];
    const stop = runEvery(clock, 300, () => fired.push(clock.now()));
    await advance(1_000);
    expect(fired).toEqual([300, 600, 900]);
    stop();
    await advance(1_000);
    expect(fired).toEqual([300, 600, 900]);
    expect(pending()).toBe(0);
  });
});

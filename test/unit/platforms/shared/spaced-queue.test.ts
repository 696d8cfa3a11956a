import { describe, expect, it } from 'vitest';
import { createSpacedQueue } from '../../../../src/platforms/shared/spaced-queue.js';

describe('createSpacedQueue', () => {
  it('runs tasks in order, one at a time, spaced also when they arrive one by one after idle spells', async () => {
    const starts: Array<{ item: number; at: number }> = [];
    let running = 0;
    let overlap = false;
    const queue = createSpacedQueue<number>(40, async (item) => {
      running++;
      if (running > 1) overlap = true;
      starts.push({ item, at: performance.now() });
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    });
    queue.push(1);
    queue.push(2);
    await queue.idle();
    // The queue is idle now; a task trickling in must still wait for the spacing.
    queue.push(3);
    await queue.idle();
    expect(starts.map((s) => s.item)).toEqual([1, 2, 3]);
    expect(overlap).toBe(false);
    for (let i = 1; i < starts.length; i++)
      expect(starts[i]!.at - starts[i - 1]!.at).toBeGreaterThanOrEqual(39);
  });

  it('drops what is queued when stopped and ignores later pushes', async () => {
    const seen: number[] = [];
    const queue = createSpacedQueue<number>(20, async (item) => {
      seen.push(item);
    });
    queue.push(1);
    queue.push(2);
    queue.stop();
    queue.push(3);
    await queue.idle();
    expect(seen).toEqual([1]);
  });
});

import { describe, expect, it } from 'vitest';
import { createTurnQueue } from '../../../../src/platforms/shared/turn-queue.js';

describe('createTurnQueue', () => {
  it('lets waiters through in order, one per event-loop turn, with I/O callbacks in between', async () => {
    const turns = createTurnQueue();
    const order: string[] = [];
    const waiters = ['a', 'b', 'c'].map((name) => turns.turn().then(() => order.push(name)));
    expect(turns.size()).toBe(3);
    // Something queued after all three waiters, to run in the check phase of the next loop turn: it must
    // come after the first waiter but before the last, which proves one waiter per turn.
    setImmediate(() => setImmediate(() => order.push('io')));
    await Promise.all(waiters);
    expect(order.indexOf('a')).toBe(0);
    expect(order.filter((x) => x !== 'io')).toEqual(['a', 'b', 'c']);
    expect(order.indexOf('io')).toBeGreaterThan(0);
    expect(order.indexOf('io')).toBeLessThan(3);
    expect(turns.size()).toBe(0);
  });

  it('keeps working after it ran empty', async () => {
    const turns = createTurnQueue();
    await turns.turn();
    await turns.turn();
    expect(turns.size()).toBe(0);
  });
});

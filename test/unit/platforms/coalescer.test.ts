import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { createCoalescer } from '../../../src/platforms/shared/coalescer.js';

type Item = { n: number; final?: boolean };

function setup(intervalMs: number) {
  const sent: Array<{ key: string; item: Item; at: number }> = [];
  const start = Date.now();
  const coalescer = createCoalescer<Item>({
    intervalMs,
    log: pino({ level: 'silent' }),
    meaningful: (prev, next) => !prev || Math.abs(next.n - prev.n) >= 10,
    isFinal: (item) => item.final === true,
    send: async (key, item) => {
      sent.push({ key, item, at: Date.now() - start });
      await new Promise((r) => setTimeout(r, 5));
    },
  });
  return { coalescer, sent };
}

describe('createCoalescer', () => {
  it('sends the first update, skips small changes, and always delivers the final one', async () => {
    const { coalescer, sent } = setup(50);
    coalescer.push('m1', { n: 0 });
    coalescer.push('m1', { n: 3 });
    coalescer.push('m1', { n: 5 });
    coalescer.push('m1', { n: 100, final: true });
    await coalescer.drain();
    expect(sent.map((s) => s.item.n)).toEqual([0, 100]);
    expect(coalescer.size()).toBe(0);
  });

  it('sends at most one non-final update per interval and keeps the latest', async () => {
    const { coalescer, sent } = setup(80);
    for (let i = 0; i <= 200; i += 20) coalescer.push('m', { n: i });
    await new Promise((r) => setTimeout(r, 120));
    coalescer.push('m', { n: 999, final: true });
    await coalescer.drain();
    expect(sent.map((s) => s.item.n)).toEqual([0, 200, 999]);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(75);
  });

  it('never lets a late non-final update overwrite a pending final one', async () => {
    const { coalescer, sent } = setup(1000);
    coalescer.push('m', { n: 0 });
    coalescer.push('m', { n: 50, final: true });
    coalescer.push('m', { n: 70 });
    await coalescer.drain();
    expect(sent.map((s) => s.item.n)).toEqual([0, 50]);
  });

  it('drains once pending sends are out, even while a job has not reached its final state', async () => {
    const { coalescer, sent } = setup(40);
    coalescer.push('m', { n: 0 });
    coalescer.push('m', { n: 50 });
    await coalescer.drain();
    expect(sent.map((s) => s.item.n)).toEqual([0, 50]);
    expect(coalescer.size()).toBe(1);
  });

  it('retries a failed send with backoff, so a dropped final edit is not lost', async () => {
    const attempts: number[] = [];
    let failuresLeft = 2;
    const coalescer = createCoalescer<Item>({
      intervalMs: 10,
      retryBaseMs: 20,
      log: pino({ level: 'silent' }),
      meaningful: () => true,
      isFinal: (item) => item.final === true,
      send: async (_key, item) => {
        attempts.push(item.n);
        if (failuresLeft-- > 0) throw new Error('other side closed');
      },
    });
    coalescer.push('m', { n: 7, final: true });
    await new Promise((r) => setTimeout(r, 200));
    await coalescer.drain();
    expect(attempts).toEqual([7, 7, 7]);
    expect(coalescer.size()).toBe(0);
  });

  it('gives up after the configured retries', async () => {
    let calls = 0;
    const coalescer = createCoalescer<Item>({
      intervalMs: 10,
      retries: 2,
      retryBaseMs: 5,
      log: pino({ level: 'silent' }),
      meaningful: () => true,
      isFinal: (item) => item.final === true,
      send: async () => {
        calls++;
        throw new Error('down');
      },
    });
    coalescer.push('m', { n: 1, final: true });
    await new Promise((r) => setTimeout(r, 150));
    expect(calls).toBe(3);
  });

  it('with settleMs, merges a change replaced within the settle time and never delays the final one', async () => {
    const sent: Array<{ item: Item; at: number }> = [];
    const T0 = 1_000_000;
    let clock = T0;
    const coalescer = createCoalescer<Item>({
      intervalMs: 1000,
      settleMs: 300,
      now: () => clock,
      log: pino({ level: 'silent' }),
      meaningful: (prev, next) => !prev || next.n !== prev.n,
      isFinal: (item) => item.final === true,
      send: async (_key, item) => {
        sent.push({ item, at: clock - T0 });
      },
    });
    vi.useFakeTimers();
    try {
      const advance = async (ms: number) => {
        clock += ms;
        await vi.advanceTimersByTimeAsync(ms);
      };
      // Queued, then generating 5 ms later: only the latter is shown, once the first change is 300 ms old.
      coalescer.push('m', { n: 1 });
      await advance(5);
      coalescer.push('m', { n: 2 });
      await advance(290);
      expect(sent).toEqual([]);
      await advance(5);
      expect(sent).toEqual([{ item: { n: 2 }, at: 300 }]);
      // Settling starts at the first unsent change, not at the latest: a steady stream is still shown.
      await advance(600);
      coalescer.push('m', { n: 3 });
      await advance(200);
      coalescer.push('m', { n: 4 });
      await advance(199);
      expect(sent).toHaveLength(1);
      await advance(1);
      expect(sent.at(-1)).toEqual({ item: { n: 4 }, at: 1300 });
      // A short-lived state before the final one is never sent; the final one goes at once.
      await advance(1000);
      coalescer.push('m', { n: 5 });
      await advance(50);
      coalescer.push('m', { n: 6, final: true });
      await advance(0);
      expect(sent.map((s) => s.item.n)).toEqual([2, 4, 6]);
      expect(sent.at(-1)?.at).toBe(2350);
    } finally {
      vi.useRealTimers();
    }
  });

  it('markSent counts a posted message as the first edit without sending it', async () => {
    const { coalescer, sent } = setup(80);
    coalescer.markSent('m', { n: 0 });
    coalescer.push('m', { n: 5 });
    await coalescer.drain();
    expect(sent).toEqual([]);
    coalescer.push('m', { n: 50 });
    await coalescer.drain();
    expect(sent.map((s) => s.item.n)).toEqual([50]);
    // The interval counts from the post.
    expect(sent[0]!.at).toBeGreaterThanOrEqual(75);
  });

  it('keeps keys independent', async () => {
    const { coalescer, sent } = setup(1000);
    coalescer.push('a', { n: 1, final: true });
    coalescer.push('b', { n: 2, final: true });
    await coalescer.drain();
    expect(sent.map((s) => s.key).sort()).toEqual(['a', 'b']);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOBS, mergeKnobs } from '../../../../sandbox/slack/knobs.js';
import { RateLimiter } from '../../../../sandbox/slack/rate-limits.js';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('limits by default, as Slack does, and lets everything through once turned off', () => {
    const limiter = new RateLimiter(fakeClock());
    const answers = Array.from({ length: 60 }, () => limiter.check(DEFAULT_KNOBS, 'chat.update').ok);
    expect(answers.filter((ok) => !ok)).toHaveLength(10);
    const off = mergeKnobs(DEFAULT_KNOBS, { rateLimits: false });
    for (let i = 0; i < 200; i++) expect(limiter.check(off, 'chat.update').ok).toBe(true);
  });

  it('allows Tier 3 bursts up to 50 a minute, then asks to wait', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(clock);
    const knobs = mergeKnobs(DEFAULT_KNOBS, { rateLimits: true });
    for (let i = 0; i < 50; i++) expect(limiter.check(knobs, 'chat.update').ok).toBe(true);
    expect(limiter.check(knobs, 'chat.update')).toEqual({ ok: false, retryAfterSeconds: 2 });
    clock.advance(1200);
    expect(limiter.check(knobs, 'chat.update').ok).toBe(true);
  });

  it('limits chat.postMessage per channel at the configured rate', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(clock);
    const knobs = mergeKnobs(DEFAULT_KNOBS, {
      rateLimits: true,
      postMessageBurst: 1,
      postMessagePerSecond: 1,
    });
    expect(limiter.check(knobs, 'chat.postMessage', 'C1').ok).toBe(true);
    expect(limiter.check(knobs, 'chat.postMessage', 'C1')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.check(knobs, 'chat.postMessage', 'C2').ok).toBe(true);
    clock.advance(1000);
    expect(limiter.check(knobs, 'chat.postMessage', 'C1').ok).toBe(true);
  });

  it('merges record knobs key by key and validates updates', () => {
    const once = mergeKnobs(DEFAULT_KNOBS, { rateLimitNext: { 'chat.update': 2 } });
    const twice = mergeKnobs(once, { rateLimitNext: { 'views.open': 1 } });
    expect(twice.rateLimitNext).toEqual({ 'chat.update': 2, 'views.open': 1 });
    expect(() => mergeKnobs(DEFAULT_KNOBS, { ackTimeoutMs: -1 })).toThrow();
    expect(() => mergeKnobs(DEFAULT_KNOBS, { rateLimitNext: { 'not a method': 1 } })).toThrow();
  });
});

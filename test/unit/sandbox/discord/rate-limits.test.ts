import { describe, expect, it } from 'vitest';
import { DEFAULT_KNOBS, type DiscordKnobs, mergeKnobs } from '../../../../src/sandbox/discord/knobs.js';
import { RateLimiter, routeMatches } from '../../../../src/sandbox/discord/rate-limits.js';

function limiter(update: Parameters<typeof mergeKnobs>[1]) {
  let knobs: DiscordKnobs = mergeKnobs(DEFAULT_KNOBS, update);
  const rl = new RateLimiter({ get: () => knobs, replace: (next) => (knobs = next) });
  return { rl, knobs: () => knobs };
}

const post = { method: 'POST', template: '/channels/:channelId/messages', major: 'c1', bucketed: true };

describe('RateLimiter', () => {
  it('counts a bucket per route and major parameter and sends the X-RateLimit headers', () => {
    const { rl } = limiter({ defaultBucket: { limit: 2, windowMs: 1000 } });
    const first = rl.check(post, 10_000);
    expect(first).toMatchObject({
      kind: 'pass',
      headers: { 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1', 'x-ratelimit-reset-after': '1.000' },
    });
    expect(rl.check(post, 10_100).headers['x-ratelimit-remaining']).toBe('0');
    const refused = rl.check(post, 10_200);
    expect(refused).toMatchObject({ kind: 'reject', status: 429, body: { retry_after: 0.8, global: false } });
    expect(refused.headers['retry-after']).toBe('0.800');
    expect(rl.check({ ...post, major: 'c2' }, 10_200).kind).toBe('pass');
    expect(rl.check(post, 11_000).kind).toBe('pass');
  });

  it('forces 429s for the next N matching calls and blocks the bucket until retry_after', () => {
    const { rl, knobs } = limiter({
      force429: [{ route: 'POST /channels/:channelId/messages', count: 1, retryAfterMs: 500 }],
    });
    expect(rl.check(post, 0)).toMatchObject({ status: 429, headers: { 'x-ratelimit-scope': 'user' } });
    expect(knobs().force429).toEqual([]);
    expect(rl.check(post, 300)).toMatchObject({ status: 429, body: { retry_after: 0.2 } });
    expect(rl.check(post, 500).kind).toBe('pass');
  });

  it('answers 5xx for the next N edits only', () => {
    const { rl, knobs } = limiter({ fail5xx: [{ route: 'edits', count: 2, status: 503 }] });
    const edit = {
      method: 'PATCH',
      template: '/webhooks/:applicationId/:token/messages/:messageId',
      major: 'a/t',
      bucketed: true,
    };
    expect(rl.check(post, 0).kind).toBe('pass');
    expect(rl.check(edit, 0)).toMatchObject({ status: 503 });
    expect(knobs().fail5xx[0]?.count).toBe(1);
    expect(rl.check(edit, 0)).toMatchObject({ status: 503 });
    expect(rl.check(edit, 0).kind).toBe('pass');
  });

  it('marks global 429s the way discord.js recognises them', () => {
    const { rl } = limiter({ force429: [{ route: '*', count: 1, retryAfterMs: 100, global: true }] });
    expect(rl.check(post, 0)).toMatchObject({
      headers: { 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
      body: { global: true },
    });
  });

  it('matches routes by key, template, alias or wildcard', () => {
    expect(routeMatches('PATCH /a/:b', 'PATCH', '/a/:b')).toBe(true);
    expect(routeMatches('/a/:b', 'GET', '/a/:b')).toBe(true);
    expect(routeMatches('PATCH /a/:b', 'GET', '/a/:b')).toBe(false);
    expect(routeMatches('edits', 'PATCH', '/channels/:channelId/messages/:messageId')).toBe(true);
    expect(routeMatches('edits', 'POST', '/channels/:channelId/messages')).toBe(false);
  });

  it('rejects invalid knob updates', () => {
    expect(() => mergeKnobs(DEFAULT_KNOBS, { ackTimeoutMs: -1 })).toThrow();
    expect(() => mergeKnobs(DEFAULT_KNOBS, { nope: 1 } as never)).toThrow();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordEmulator, startDiscordEmulator } from '../../../../sandbox/discord/index.js';
import { DEFAULT_KNOBS, type DiscordKnobs, mergeKnobs } from '../../../../sandbox/discord/knobs.js';
import { RateLimiter, routeMatches } from '../../../../sandbox/discord/rate-limits.js';
import { api } from './helpers.js';

function limiter(update: Parameters<typeof mergeKnobs>[1]) {
  let knobs: DiscordKnobs = mergeKnobs(DEFAULT_KNOBS, update);
  const rl = new RateLimiter({ get: () => knobs, replace: (next) => (knobs = next) });
  return { rl, knobs: () => knobs };
}

const post = {
  method: 'POST',
  template: '/channels/:channelId/messages',
  major: 'c1',
  bucketed: true,
  global: true,
};
const getChannel = (major: string) => ({
  method: 'GET',
  template: '/channels/:channelId',
  major,
  bucketed: true,
  global: true,
});
/** An interaction endpoint: bucketed per webhook id + token, not bound by the global limit. */
const interactionEdit = {
  method: 'PATCH',
  template: '/webhooks/:applicationId/:token/messages/:messageId',
  major: 'a/t',
  bucketed: true,
  global: false,
};

describe('RateLimiter', () => {
  it('counts a bucket per route and major parameter and sends the X-RateLimit headers', () => {
    // No per-route entries: the default bucket is what is being tested.
    const { rl } = limiter({ defaultBucket: { limit: 2, windowMs: 1000 }, buckets: {} });
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
    const edit = interactionEdit;
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

  it('by default limits messages to Discord’s 5 per 5 s per channel (X-RateLimit-Limit 5)', () => {
    const { rl } = limiter({});
    for (let i = 0; i < 5; i++) expect(rl.check(post, 1000 + i).kind).toBe('pass');
    expect(rl.check(post, 1005)).toMatchObject({
      status: 429,
      headers: { 'x-ratelimit-limit': '5', 'x-ratelimit-scope': 'user' },
      body: { global: false },
    });
    expect(rl.check({ ...post, major: 'c2' }, 1005).kind).toBe('pass');
    expect(rl.check(post, 6000).kind).toBe('pass');
  });

  it('holds the bot token to 50 requests a second across all routes; interaction endpoints are exempt', () => {
    const { rl } = limiter({});
    // Fifty channels: no route's own bucket runs out, only the global count.
    for (let i = 0; i < 50; i++) expect(rl.check(getChannel(`c${i}`), 1000).kind).toBe('pass');
    const refused = rl.check(getChannel('c50'), 1100);
    expect(refused).toMatchObject({
      status: 429,
      headers: { 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global', 'retry-after': '0.900' },
      body: { message: 'You are being rate limited.', retry_after: 0.9, global: true },
    });
    expect(refused.headers['x-ratelimit-bucket']).toBeUndefined();
    expect(rl.check({ ...post, major: 'other' }, 1200)).toMatchObject({
      status: 429,
      body: { global: true },
    });
    expect(rl.check(interactionEdit, 1200).kind).toBe('pass');
    expect(rl.check(getChannel('c51'), 2000).kind).toBe('pass');
  });

  it('a forced global 429 stops every bot-token route until retry_after, not only the one that drew it', () => {
    const { rl } = limiter({
      force429: [{ route: 'POST /channels/:channelId/messages', count: 1, retryAfterMs: 500, global: true }],
    });
    expect(rl.check(post, 0)).toMatchObject({ status: 429, body: { global: true } });
    expect(rl.check(getChannel('c9'), 100)).toMatchObject({
      status: 429,
      headers: { 'x-ratelimit-global': 'true' },
      body: { retry_after: 0.4, global: true },
    });
    expect(rl.check(interactionEdit, 100).kind).toBe('pass');
    expect(rl.check(getChannel('c9'), 500).kind).toBe('pass');
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

describe('rate limits over HTTP', () => {
  let emu: DiscordEmulator;
  beforeAll(async () => {
    emu = await startDiscordEmulator();
  });
  afterAll(() => emu.close());

  it('answers a global 429 on every bot-token route; the guild member route has its own bucket', async () => {
    const guildId = emu.guild().id;
    const member = await api(emu, 'GET', `/guilds/${guildId}/members/${emu.users[0]?.id}`);
    expect(member.status).toBe(200);
    expect(member.headers.get('x-ratelimit-bucket')).toBeTruthy();
    expect(member.headers.get('x-ratelimit-limit')).toBe('50');
    emu.forceRateLimit('POST /channels/:channelId/messages', { retryAfterMs: 60_000, global: true });
    const general = emu.channelId('general');
    expect((await api(emu, 'POST', `/channels/${general}/messages`, { content: 'x' })).status).toBe(429);
    const blocked = await api(emu, 'GET', `/guilds/${guildId}/members/${emu.users[0]?.id}`);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('x-ratelimit-global')).toBe('true');
    expect(blocked.body).toMatchObject({ global: true });
    // An interaction endpoint is not bound by it: an unknown token is answered (404), not limited.
    const webhook = await api(
      emu,
      'GET',
      `/webhooks/${emu.applicationId}/nope/messages/@original`,
      undefined,
      {
        auth: false,
      },
    );
    expect(webhook.status).toBe(404);
  });
});

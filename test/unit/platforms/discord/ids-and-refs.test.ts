import { describe, expect, it } from 'vitest';
import {
  type CustomId,
  encodeCustomId,
  parseCustomId,
} from '../../../../src/platforms/discord/custom-ids.js';
import {
  decodeRef,
  encodeRef,
  TOKEN_TTL_MS,
  tokenUsable,
} from '../../../../src/platforms/discord/reply-ref.js';

describe('custom ids', () => {
  const ids: CustomId[] = [
    { kind: 'pick', state: 'AbC-_12x', dimension: 'footwear' },
    { kind: 'page', state: 'AbC-_12x', page: 1 },
    { kind: 'go', state: 'AbC-_12x' },
    { kind: 'cancel', state: 'AbC-_12x' },
    { kind: 'gallery', state: 'AbC-_12x', page: 12 },
    { kind: 'noop', state: 'AbC-_12x' },
    { kind: 'style', catalogId: 'capitao-caverna' },
    { kind: 'reroll', generationId: '0f3c2a9e-1111-4222-8333-944445555666' },
    { kind: 'retry', generationId: '0f3c2a9e-1111-4222-8333-944445555666' },
  ];

  it('round-trips every kind within Discord’s 100 characters', () => {
    for (const id of ids) {
      const raw = encodeCustomId(id);
      expect(raw.length).toBeLessThanOrEqual(100);
      expect(parseCustomId(raw)).toEqual(id);
    }
    // The longest ids the catalog schema allows still fit.
    expect(
      encodeCustomId({ kind: 'pick', state: 'AbC-_12x', dimension: 'd'.repeat(40) }).length,
    ).toBeLessThanOrEqual(100);
  });

  it('ignores ids it did not make', () => {
    for (const raw of [
      '',
      'reroll',
      'atl',
      'atl:pick:abc',
      'atl:page:abc:-1',
      'atl:page:abc:x',
      'atl:what:abc',
      'other:go:abc',
    ])
      expect(parseCustomId(raw)).toBeUndefined();
  });
});

describe('reply refs', () => {
  it('round-trips the token, its time and the channel', () => {
    const ref = { channelId: '123456789012345678', token: 'aW50ZXJhY3Rpb24', tokenAt: 1_700_000_000_000 };
    expect(decodeRef(encodeRef(ref))).toEqual(ref);
    expect(decodeRef(encodeRef({ channelId: '42' }))).toEqual({ channelId: '42' });
  });

  it('remembers that the message is a follow-up (edited by its id, not as @original) across a restart', () => {
    const ref = { channelId: '42', token: 'aW50', tokenAt: 1_700_000_000_000, followUp: true };
    expect(decodeRef(encodeRef(ref))).toEqual(ref);
  });

  it('carries the place of a message not posted yet: the reply it answers, its fallback token, its gate', () => {
    const place = {
      channelId: 'C1',
      replyTo: 'M0',
      fallback: { token: 'click', tokenAt: 1_700_000_000_000 },
      gate: 'i-1',
    };
    expect(decodeRef(encodeRef(place))).toEqual(place);
  });

  it('reads anything else (another platform’s refs, junk) as nothing', () => {
    for (const raw of [
      null,
      undefined,
      '',
      'C0ART:1700000000.0001',
      '{"v":2,"ch":"1"}',
      '{broken',
      '{"v":1,"t":5}',
    ])
      expect(decodeRef(raw) ?? {}).toEqual({});
  });

  it('stops using a token a minute before Discord’s 15 minutes are up', () => {
    const at = 1_000_000;
    expect(tokenUsable(at, at)).toBe(true);
    expect(tokenUsable(at, at + TOKEN_TTL_MS - 60_001)).toBe(true);
    expect(tokenUsable(at, at + TOKEN_TTL_MS - 60_000)).toBe(false);
    expect(tokenUsable(undefined, at)).toBe(false);
  });
});

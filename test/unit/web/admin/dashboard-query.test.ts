import { describe, expect, it } from 'vitest';
import {
  parseWorkspace,
  readSelection,
  selectionParams,
  toQuery,
} from '../../../../src/web/admin/dashboard-query.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 0, 15, 13, 42, 10);

describe('dashboard query', () => {
  it('ends each window with the bucket holding now, in whole UTC hours or days', () => {
    const hours = toQuery(readSelection(new URLSearchParams('range=24h')), NOW);
    expect(hours).toEqual({ from: Date.UTC(2026, 0, 14, 14), to: Date.UTC(2026, 0, 15, 14), bucketMs: HOUR });
    const week = toQuery(readSelection(new URLSearchParams('range=7d')), NOW);
    expect(week).toEqual({ from: Date.UTC(2026, 0, 9), to: Date.UTC(2026, 0, 16), bucketMs: DAY });
    const month = toQuery(readSelection(new URLSearchParams('range=30d')), NOW);
    expect((month.to - month.from) / DAY).toBe(30);
    expect(month.to).toBe(week.to);
  });

  it('reads filters leniently: unknown range → 7d, malformed workspace or overlong model → all', () => {
    expect(readSelection(new URLSearchParams('range=1y&ws=mastodon:x&model='))).toEqual({
      range: '7d',
      workspace: undefined,
      model: undefined,
    });
    expect(readSelection(new URLSearchParams(`model=${'m'.repeat(201)}`)).model).toBeUndefined();
    const picked = readSelection(new URLSearchParams('range=30d&ws=slack:T1&model=fal-ai/flux/dev'));
    expect(toQuery(picked, NOW)).toMatchObject({
      workspace: { platform: 'slack', workspaceId: 'T1' },
      model: 'fal-ai/flux/dev',
    });
    expect(selectionParams(picked).toString()).toBe('range=30d&ws=slack%3AT1&model=fal-ai%2Fflux%2Fdev');
  });

  it('splits a workspace value at the first colon only', () => {
    expect(parseWorkspace('discord:123:456')).toEqual({ platform: 'discord', workspaceId: '123:456' });
    for (const bad of ['discord:', ':x', 'discord', '', null]) expect(parseWorkspace(bad)).toBeUndefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Requester } from '../../../src/core/types.js';
import { startTestSandbox } from '../../helpers/browser.js';

type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;
let sb: TestSandbox;

beforeAll(async () => {
  sb = await startTestSandbox({ platforms: { discord: false, slack: false }, fal: { latencyMs: 20 } });
});
afterAll(async () => {
  await sb?.close();
});

const post = async (body: unknown) => {
  const res = await fetch(new URL('/api/model', sb.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { current?: string; error?: string } };
};

const alice: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'alice' };

describe('sandbox: the Knobs model switch', () => {
  it('lists the text-to-image models and restarts the bot on the one picked', async () => {
    const listed = (await (await fetch(new URL('/api/model', sb.url))).json()) as {
      current: string;
      choices: { endpoint: string }[];
    };
    expect(listed.current).toBe('fal-ai/flux/schnell');
    expect(listed.choices.map((c) => c.endpoint)).toContain('fal-ai/recraft/v3/text-to-image');
    expect(listed.choices.map((c) => c.endpoint)).not.toContain('fal-ai/flux-pro/kontext');

    const before = sb.bot;
    expect(await post({ model: 'fal-ai/flux/dev' })).toEqual({
      status: 200,
      body: expect.objectContaining({ current: 'fal-ai/flux/dev' }),
    });
    expect(sb.bot).not.toBe(before);
    expect(sb.config.fal.model).toBe('fal-ai/flux/dev');

    const created = await sb.bot.core.service.request({
      requester: alice,
      params: { catalogId: 'cosmic-threads', options: {} },
    });
    const done = await sb.bot.core.service.waitFor(created.id);
    expect(done).toMatchObject({ status: 'done', model: 'fal-ai/flux/dev' });
    const record = sb.fal.requests().find((r) => r.requestId === done.requestId);
    expect(record).toMatchObject({ model: 'fal-ai/flux/dev', ignored: [], prompt: { window: 512 } });
  });

  it('refuses a model the bot cannot run on and keeps the one it has', async () => {
    const kontext = await post({ model: 'fal-ai/flux-pro/kontext' });
    expect(kontext.status).toBe(400);
    expect(kontext.body.error).toMatch(/not a model the sandbox bot can run on/);
    expect((await post({ nope: 1 })).status).toBe(400);
    expect(sb.config.fal.model).toBe('fal-ai/flux/dev');
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import type { Core } from '../../../src/compose.js';
import { createCore } from '../../../src/compose.js';
import { ConfigError, parseConfig } from '../../../src/config.js';
import type { Requester } from '../../../src/core/types.js';
import { type CoreFixture, startCoreFixture } from '../../helpers/core-fixture.js';

const ada: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'ada' };
const params = { catalogId: 'capitao-caverna', options: {} };

let fixture: CoreFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const count = async (core: Core, table: string) =>
  Number((await core.database.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
const decisions = async (core: Core) =>
  (await core.audit.query({ action: 'moderation', limit: 50 })).map((e) => ({
    targetId: e.targetId,
    userId: e.userId,
    ...e.details,
  }));

describe('moderation: operator blocklist (real composition, libSQL, fal emulator)', () => {
  it('refuses blocked text before anything is recorded or submitted, and audits the decision', async () => {
    fixture = await startCoreFixture({ env: { MODERATION_BLOCKLIST: 'casino,/free\\s+money/i' } });
    const { core, fal } = fixture;
    const attempt = core.service.request({
      requester: ada,
      params: { ...params, extra: 'a C4SIN0 at night' },
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'text_blocked',
      message: 'Your text contains "casino", which this server does not allow. Remove it and try again.',
    });
    await expect(core.service.sequence(ada, { ...params, extra: 'FREE   money for all' })).rejects.toThrow(
      'Your text contains "FREE money", which this server does not allow.',
    );
    expect(await count(core, 'generations')).toBe(0);
    expect(await count(core, 'prompt_cache')).toBe(0);
    expect(fal.stats().submits).toBe(0);
    // Newest first, but two entries in one millisecond may come either way.
    const refused = await decisions(core);
    expect(refused).toHaveLength(2);
    expect(refused).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ decision: 'text_refused', entry: '/free\\s+money/i', for: 'sequence' }),
        {
          targetId: null,
          userId: 'ada',
          decision: 'text_refused',
          entry: 'casino',
          found: 'casino',
          field: 'extra',
          for: 'generate',
          model: 'fal-ai/flux/schnell',
        },
      ]),
    );
    // Clean text goes through.
    const ok = await core.service.request({ requester: ada, params: { ...params, extra: 'a lighthouse' } });
    expect((await core.service.waitFor(ok.id)).status).toBe('done');
  });

  it('checks a re-roll against the list as it is now', async () => {
    fixture = await startCoreFixture();
    const original = await fixture.core.service.waitFor(
      (await fixture.core.service.request({ requester: ada, params: { ...params, extra: 'casino lights' } }))
        .id,
    );
    expect(original.status).toBe('done');
    fixture.env.MODERATION_BLOCKLIST = 'casino';
    const core = await fixture.restart();
    const rows = await count(core, 'generations');
    await expect(core.service.reroll(original.id, ada)).rejects.toMatchObject({ code: 'text_blocked' });
    expect(await count(core, 'generations')).toBe(rows);
    expect(fixture.fal.stats().submits).toBe(1);
    expect(await decisions(core)).toEqual([
      expect.objectContaining({ decision: 'text_refused', for: 'reroll' }),
    ]);
  });

  it('stops start-up on a bad line of the blocklist file, naming the file and line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atelier-moderation-'));
    try {
      const file = join(dir, 'blocklist.txt');
      await writeFile(file, '# words\ncasino\n/(unclosed/\n');
      const config = parseConfig({
        DATABASE_URL: `file:${join(dir, 'atelier.db')}`,
        STORAGE_DIR: join(dir, 'media'),
        MODERATION_BLOCKLIST_FILE: file,
      });
      const started = createCore(config, pino({ level: 'silent' }));
      await expect(started).rejects.toBeInstanceOf(ConfigError);
      await expect(started).rejects.toThrow(
        `MODERATION_BLOCKLIST_FILE: ${file} line 3: /(unclosed/ is not a valid regular expression`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('applies the entries of the blocklist file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atelier-moderation-'));
    const file = join(dir, 'blocklist.txt');
    await writeFile(file, '# operator list\n\nlighthouse keeper\n');
    try {
      fixture = await startCoreFixture({ env: { MODERATION_BLOCKLIST_FILE: file } });
      await expect(
        fixture.core.service.request({
          requester: ada,
          params: { ...params, extra: 'the Lighthouse-Keeper' },
        }),
      ).rejects.toThrow('Your text contains "lighthouse keeper"');
      expect(fixture.fal.stats().submits).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('moderation: images the provider flags', () => {
  it('under nsfw-channels posts a flagged image in an NSFW channel and withholds it elsewhere; both audited', async () => {
    fixture = await startCoreFixture({ knobs: { nsfwRate: 1 }, env: { NSFW_POLICY: 'nsfw-channels' } });
    const { core } = fixture;
    const inNsfw = await core.service.request({ requester: { ...ada, nsfwChannel: true }, params });
    expect(inNsfw.nsfwAllowed).toBe(true);
    const posted = await core.service.waitFor(inNsfw.id);
    expect(posted).toMatchObject({ status: 'done', statusDetail: 'nsfw', nsfwAllowed: true });
    expect(posted.imageKey).toBeTruthy();
    const elsewhere = await core.service.request({ requester: ada, params });
    expect(elsewhere.nsfwAllowed).toBe(false);
    const withheld = await core.service.waitFor(elsewhere.id);
    expect(withheld).toMatchObject({ status: 'blocked', imageKey: null });
    const recorded = await decisions(core);
    expect(recorded).toHaveLength(2);
    expect(recorded).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          targetId: withheld.id,
          decision: 'image_withheld',
          policy: 'nsfw-channels',
        }),
        expect.objectContaining({ targetId: posted.id, decision: 'nsfw_posted', model: posted.model }),
      ]),
    );
  });

  it('never reuses an image made for an NSFW channel outside one', async () => {
    fixture = await startCoreFixture({ env: { NSFW_POLICY: 'nsfw-channels' } });
    const { core, fal } = fixture;
    const first = await core.service.waitFor(
      (await core.service.request({ requester: { ...ada, nsfwChannel: true }, params, seed: 99 })).id,
    );
    expect(first.status).toBe('done');
    const again = await core.service.request({ requester: { ...ada, nsfwChannel: true }, params, seed: 99 });
    expect(again.imageUrl).toBe(first.imageUrl);
    expect(fal.stats().submits).toBe(1);
    const outside = await core.service.request({ requester: ada, params, seed: 99 });
    expect(outside.status).toBe('queued');
    expect((await core.service.waitFor(outside.id)).imageUrl).not.toBe(first.imageUrl);
    expect(fal.stats().submits).toBe(2);
  });

  it('asks fal to skip its safety checker (which blacks out what it flags) only for NSFW-allowed jobs', async () => {
    const fal = await startFalEmulator({ knobs: { latencyMs: 20, latencySpreadMs: 0 } });
    const submitted: Record<string, unknown>[] = [];
    const proxy = await recordingProxy(fal.url, (body) => submitted.push(body));
    try {
      fixture = await startCoreFixture({
        fal,
        env: { FAL_QUEUE_URL: proxy.url, NSFW_POLICY: 'nsfw-channels' },
      });
      const { core } = fixture;
      await core.service.waitFor(
        (await core.service.request({ requester: { ...ada, nsfwChannel: true }, params })).id,
      );
      await core.service.waitFor((await core.service.request({ requester: ada, params })).id);
      expect(submitted.map((b) => b.enable_safety_checker)).toEqual([false, true]);
    } finally {
      await fixture?.close();
      fixture = undefined;
      proxy.server.close();
      await fal.close();
    }
  });

  it("under 'never' withholds a flagged image even in an NSFW channel", async () => {
    fixture = await startCoreFixture({ knobs: { nsfwRate: 1 } });
    const { core } = fixture;
    const job = await core.service.request({ requester: { ...ada, nsfwChannel: true }, params });
    expect(job.nsfwAllowed).toBe(false);
    expect((await core.service.waitFor(job.id)).status).toBe('blocked');
    expect(await decisions(core)).toEqual([
      expect.objectContaining({ targetId: job.id, decision: 'image_withheld', policy: 'never' }),
    ]);
  });
});

/** Forwards everything to `target` and reports each JSON body POSTed to a model (fal submits). */
async function recordingProxy(target: string, onSubmit: (body: Record<string, unknown>) => void) {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (req.method === 'POST' && !req.url?.startsWith('/_emulator'))
      onSubmit(JSON.parse(body.toString('utf8')));
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length'),
    ) as Record<string, string>;
    const answer = await fetch(`${target}${req.url}`, {
      method: req.method ?? 'GET',
      headers,
      ...(body.length > 0 ? { body } : {}),
    });
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
    });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy did not listen');
  return { server, url: `http://127.0.0.1:${address.port}` };
}

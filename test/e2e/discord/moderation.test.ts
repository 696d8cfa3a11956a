import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/compose.js';
import {
  type DiscordBotFixture,
  embedOf,
  startDiscordBotFixture,
  statusOf,
} from '../../helpers/discord-bot-fixture.js';
import { ALL_DIMENSIONS } from '../../helpers/options.js';

const ALL = ALL_DIMENSIONS;

const decisionsFor = async (core: Core, targetId: string) =>
  (await core.audit.query({ action: 'moderation', limit: 100 }))
    .filter((e) => e.targetId === targetId)
    .map((e) => e.details.decision);

/** Generates in a channel and waits for the job message's final state. */
async function generateIn(f: DiscordBotFixture, channelId: string, extra?: string) {
  const { interactionId } = await f.slash(
    'generate',
    { ...ALL, ...(extra ? { prompt: extra } : {}) },
    { channelId },
  );
  const first = await f.reply(interactionId);
  const final = await f.finalMessage(first.id);
  const job = await f.jobOf(first.id);
  if (!job) throw new Error('no job recorded for the message');
  return { final, job };
}

describe('Discord moderation with NSFW_POLICY=nsfw-channels (real discord.js, emulated Discord and fal)', () => {
  let f: DiscordBotFixture;
  let nsfw: string;

  beforeAll(async () => {
    f = await startDiscordBotFixture({
      env: { NSFW_POLICY: 'nsfw-channels', MODERATION_BLOCKLIST: 'casino' },
      falKnobs: { nsfwRate: 1 },
    });
    // A server admin marks #general age-restricted; the bot hears it as CHANNEL_UPDATE.
    nsfw = f.discord.channelId('general');
    f.discord.setChannelNsfw(nsfw, true);
  });
  afterAll(async () => {
    await f?.close();
  });

  it('posts a flagged image in the NSFW channel and withholds it in an ordinary one, auditing both', async () => {
    const posted = await generateIn(f, nsfw);
    expect(posted.job).toMatchObject({
      status: 'done',
      nsfwAllowed: true,
      statusDetail: 'nsfw',
      channelId: nsfw,
    });
    expect(statusOf(posted.final)).toMatch(/^✅/);
    expect(embedOf(posted.final)?.image?.url).toBe(posted.final.attachments[0]?.url);

    const withheld = await generateIn(f, f.art);
    expect(withheld.job).toMatchObject({ status: 'blocked', nsfwAllowed: false, imageKey: null });
    expect(statusOf(withheld.final)).toMatch(/^🚫/);
    expect(embedOf(withheld.final)?.image).toBeUndefined();
    expect(withheld.final.attachments).toEqual([]);

    expect(await decisionsFor(f.bot.core, posted.job.id)).toEqual(['nsfw_posted']);
    expect(await decisionsFor(f.bot.core, withheld.job.id)).toEqual(['image_withheld']);
    const metrics = await (await fetch(`http://127.0.0.1:${f.bot.opsPort}/metrics`)).text();
    expect(metrics).toMatch(
      /^atelier_moderation_decisions_total\{decision="nsfw_posted",platform="discord"\} 1$/m,
    );
    expect(metrics).toMatch(
      /^atelier_moderation_decisions_total\{decision="image_withheld",platform="discord"\} 1$/m,
    );
  });

  it('shows the age-restricted image in /gallery only in the NSFW channel, and never on the web gallery', async () => {
    const galleryIn = async (channelId: string) => {
      const { interactionId } = await f.slash('gallery', {}, { channelId });
      return f.reply(interactionId);
    };
    const inNsfw = await galleryIn(nsfw);
    const restricted = (m: Awaited<ReturnType<typeof galleryIn>>) =>
      m.embeds.filter((e) => e.description?.includes('age-restricted channel'));
    expect(inNsfw.embeds.length).toBeGreaterThan(0);
    expect(restricted(inNsfw)).toEqual([]);
    expect(inNsfw.embeds.some((e) => e.thumbnail?.url)).toBe(true);

    const inArt = await galleryIn(f.art);
    expect(restricted(inArt)).toHaveLength(1);
    expect(restricted(inArt)[0]?.thumbnail).toBeUndefined();
    expect(restricted(inArt)[0]?.url).toBeUndefined();

    const link = (inArt.components ?? [])
      .flatMap(
        (row) => (row as unknown as { components: Array<{ label?: string; url?: string }> }).components,
      )
      .find((c) => /Open full gallery/.test(c.label ?? ''))?.url;
    expect(link).toBeDefined();
    const web = await (
      await fetch(link!.replace(/^http:\/\/[^/]+/, `http://127.0.0.1:${f.bot.port}`))
    ).text();
    expect(web).toContain('Made in an age-restricted channel: shown only in age-restricted channels.');
  });

  it('refuses blocklisted text privately, naming the word, with nothing posted, recorded or submitted', async () => {
    const submits = f.fal.stats().submits;
    const before = f.discord.messages(f.art).length;
    const { interactionId } = await f.slash('generate', { ...ALL, prompt: 'a neon C A S I N O sign' });
    const note = await f.discord.waitForMessage(
      (m) => ((m.flags ?? 0) & 64) !== 0 && m.interaction_metadata?.id === interactionId,
    );
    expect(note.content).toContain('Your text contains "casino", which this server does not allow.');
    expect(f.discord.messages(f.art)).toHaveLength(before);
    expect(f.fal.stats().submits).toBe(submits);
    const [latest] = await f.bot.core.audit.query({ action: 'moderation', limit: 1 });
    expect(latest).toMatchObject({
      userId: f.ada,
      channelId: f.art,
      targetId: null,
      details: { decision: 'text_refused', entry: 'casino', field: 'extra', for: 'generate' },
    });
  });
});

describe('Discord moderation with NSFW_POLICY=never (the default)', () => {
  let f: DiscordBotFixture;

  beforeAll(async () => {
    f = await startDiscordBotFixture({ falKnobs: { nsfwRate: 1 } });
    f.discord.setChannelNsfw(f.discord.channelId('general'), true);
  });
  afterAll(async () => {
    await f?.close();
  });

  it('withholds flagged images in NSFW and ordinary channels alike, auditing each', async () => {
    for (const channelId of [f.discord.channelId('general'), f.art]) {
      const { final, job } = await generateIn(f, channelId);
      expect(job).toMatchObject({ status: 'blocked', nsfwAllowed: false, channelId });
      expect(statusOf(final)).toMatch(/^🚫/);
      expect(final.attachments).toEqual([]);
      expect(await decisionsFor(f.bot.core, job.id)).toEqual(['image_withheld']);
    }
  });
});

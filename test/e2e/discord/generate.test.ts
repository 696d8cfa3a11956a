import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DiscordBotFixture,
  embedOf,
  startDiscordBotFixture,
  statusOf,
} from '../../helpers/discord-bot-fixture.js';
import { ALL_DIMENSIONS } from '../../helpers/options.js';

const ALL = ALL_DIMENSIONS;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

describe('Discord /generate end to end (real discord.js in the real bot, emulated Discord and fal)', () => {
  let f: DiscordBotFixture;

  beforeAll(async () => {
    f = await startDiscordBotFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('defers, then edits the reply into the uploaded image with seed, model and time, and reacts 🔁', async () => {
    const after = f.discord.lastCallSeq();
    const { interactionId, ackLatencyMs } = await f.slash('generate', {
      ...ALL,
      prompt: 'a red scarf **bold** @everyone',
    });
    expect(ackLatencyMs).toBeLessThan(3000);
    const first = await f.reply(interactionId);
    const final = await f.finalMessage(first.id);
    const job = await f.jobOf(first.id);
    expect(job).toMatchObject({
      status: 'done',
      userId: f.ada,
      channelId: f.art,
      extra: 'a red scarf **bold** @everyone',
      options: expect.objectContaining({ style: 'comic-book', pose: 'flexing', prop: 'torch' }),
    });
    const embed = embedOf(final);
    expect(statusOf(final)).toMatch(/^✅ Done/);
    expect(embed?.footer?.text).toMatch(new RegExp(`^seed ${job?.seed} · fal-ai/flux/schnell · \\d`));
    expect(embed?.fields?.map((x) => x.value)).toEqual(
      expect.arrayContaining(['Comic Book', 'Flaming Torch']),
    );
    // User text is shown literally (markdown escaped) and pings nobody.
    expect(embed?.description).toContain('a red scarf \\*\\*bold\\*\\* \\@everyone');
    expect(final.mention_everyone).toBe(false);
    // PUBLIC_BASE_URL is 127.0.0.1 (Discord cannot fetch it): MEDIA_DELIVERY=auto uploads from our storage.
    const attachment = final.attachments[0];
    expect(embed?.image?.url).toBe(attachment?.url);
    const stored = await f.bot.core.store.get(job?.imageKey ?? '');
    const served = Buffer.from(await (await fetch(attachment?.url ?? '')).arrayBuffer());
    expect(stored && served.equals(stored.body)).toBe(true);
    await f.rerollReaction(first.id);
    // A fast job: defer, first edit, final edit, 🔁. Counted by the bot's metrics as well.
    const calls = f.discord.calls({ after });
    expect(calls.length).toBeLessThanOrEqual(5);
    const counted = await f.bot.metrics.chatCalls.get();
    const total = counted.values
      .filter((v) => v.labels.platform === 'discord')
      .reduce((n, v) => n + v.value, 0);
    expect(total).toBeGreaterThanOrEqual(calls.length);
    console.info(
      `[discord] fast job: ${calls.length} API calls (${calls.map((c) => `${c.method} ${c.route}`).join(', ')})`,
    );
  });

  it('answers an unknown option privately, with a suggestion, and leaves nothing in the channel', async () => {
    const before = f.discord.messages(f.art).length;
    const { interactionId } = await f.slash('generate', { style: 'comic bok', pose: 'waving' });
    const note = await f.discord.waitForMessage(
      (m) => ((m.flags ?? 0) & 64) !== 0 && m.interaction_metadata?.id === interactionId,
    );
    expect(note.content).toMatch(/Unknown style "comic bok"\. Did you mean "comic-book"\?/);
    await f.until(() => f.discord.messages(f.art).length === before);
  });

  it('suggests options while typing (autocomplete against the chosen catalog)', async () => {
    const ask = async (options: Record<string, string>) => {
      const { interactionId } = f.discord.autocomplete({
        name: 'generate',
        options,
        focused: 'style',
        userId: f.ada,
      });
      const record = await f.discord.waitForInteraction(interactionId, (r) => r.autocompleteChoices !== null);
      return record.autocompleteChoices?.map((c) => c.value);
    };
    expect(await ask({ style: 'comic' })).toEqual(['comic-book']);
    expect(await ask({ style: 'neb', catalog: 'cosmic-threads' })).toEqual(['nebula-watercolor']);
    expect((await ask({ style: '' }))?.length).toBe(11);
  });

  it('acknowledges a burst of 10 commands within 3 s (defer latency from the emulator records)', async () => {
    const handles = await Promise.all(
      Array.from({ length: 10 }, (_, i) => f.slash('generate', { ...ALL, seed: 100 + i })),
    );
    const latencies = handles.map((h) => h.ackLatencyMs).sort((a, b) => a - b);
    expect(latencies.every((ms) => ms >= 0 && ms < 3000)).toBe(true);
    console.info(
      `[discord] defer latency over a burst of 10 commands: p50 ${percentile(latencies, 0.5)} ms, max ${latencies.at(-1)} ms`,
    );
    for (const h of handles) await f.finalMessage((await f.reply(h.interactionId)).id, 20_000);
  }, 30_000);
});

describe('Discord /generate with MEDIA_DELIVERY=link', () => {
  let f: DiscordBotFixture;

  beforeAll(async () => {
    f = await startDiscordBotFixture({ env: { MEDIA_DELIVERY: 'link' } });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('links the image from our storage instead of uploading it', async () => {
    const { interactionId } = await f.slash('generate', ALL);
    const final = await f.finalMessage((await f.reply(interactionId)).id);
    const url = embedOf(final)?.image?.url ?? '';
    expect(final.attachments).toEqual([]);
    expect(url.startsWith('http://127.0.0.1:3999/media/')).toBe(true);
    const served = await fetch(`http://127.0.0.1:${f.bot.port}${new URL(url).pathname}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^image\//);
  });
});

import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordBotFixture, startDiscordBotFixture } from '../../helpers/discord-bot-fixture.js';

const ALL = {
  style: 'comic-book',
  pose: 'waving',
  outfit: 'explorer',
  footwear: 'sneakers',
  prop: 'torch',
  frame: 'hero',
};
const ORDER = ['⏳', '📨', '🎨', '💾', '✅'];
const stateOf = (description: string) => ORDER.findIndex((mark) => description.startsWith(mark));

describe('Discord status edits for one job', () => {
  let f: DiscordBotFixture;

  beforeAll(async () => {
    // One provider slot and a slow provider: the third job waits in line, then generates for 2 s.
    f = await startDiscordBotFixture({ env: { PROVIDER_CONCURRENCY: '1' }, falKnobs: { latencyMs: 2000 } });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('edits the reply through queued, generating and done, about once a second, in a handful of calls', async () => {
    const handles = [];
    for (const seed of [1, 2, 3]) handles.push(await f.slash('generate', { ...ALL, seed }));
    const last = handles[2]!;
    const token = f.discord.interaction(last.interactionId)?.token ?? '';
    const reply = await f.reply(last.interactionId);
    await f.finalMessage(reply.id, 20_000);
    await f.rerollReaction(reply.id);

    const calls = f.discord
      .calls()
      .filter((c) => c.path.includes(token) || c.path.includes(`/messages/${reply.id}/`));
    const edits = calls.filter((c) => c.method === 'PATCH');
    const embeds = edits.map((c) => (c.body as { embeds: APIEmbed[] }).embeds[0]!);
    const descriptions = embeds.map((e) => e.description ?? '');
    // The parameters are there from the first edit on; the image only at the end.
    expect(embeds[0]?.fields?.map((x) => x.value)).toContain('Comic Book');
    expect(descriptions.some((d) => d.includes('#2 in line'))).toBe(true);
    expect(descriptions.some((d) => /Generating/.test(d))).toBe(true);
    expect(descriptions.at(-1)).toMatch(/^✅ Done/);
    expect(embeds.slice(0, -1).every((e) => !e.image)).toBe(true);
    // States only move forward.
    const states = descriptions.map(stateOf);
    expect(states.every((s) => s >= 0)).toBe(true);
    expect([...states].sort((a, b) => a - b)).toEqual(states);
    // Coalesced: at least ~1 s between edits; only the final one may follow its predecessor at once.
    for (let i = 1; i < edits.length - 1; i++)
      expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(900);
    // The whole job: defer + edits + 🔁 reaction.
    expect(calls.map((c) => c.method)).toEqual(['POST', ...edits.map(() => 'PATCH'), 'PUT']);
    const job = await f.jobOf(reply.id);
    const seconds = ((job?.finishedAt ?? 0) - (job?.createdAt ?? 0)) / 1000;
    expect(edits.length).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
    console.info(descriptions.map((d) => d.split('\n')[0]).join(' → '));
    console.info(
      `[discord] one job over ${seconds.toFixed(1)} s: ${calls.length} API calls (${edits.length} edits)`,
    );
  }, 30_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_PROMPT } from '../../contract/render-contract.js';
import {
  type DiscordBotFixture,
  embedOf,
  startDiscordBotFixture,
} from '../../helpers/discord-bot-fixture.js';
import { discordLiveMarkup } from '../../helpers/live-markup.js';
import { ALL_DIMENSIONS } from '../../helpers/options.js';

describe('Discord: what a person types is shown as typed in the bot’s public posts (emulated Discord)', () => {
  let f: DiscordBotFixture;
  beforeAll(async () => {
    f = await startDiscordBotFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('a masked link, heading or mention in the prompt reaches Discord escaped, in the job post and the gallery', async () => {
    const { interactionId } = await f.slash('generate', { ...ALL_DIMENSIONS, prompt: HOSTILE_PROMPT });
    const final = await f.finalMessage((await f.reply(interactionId)).id);
    expect((await f.jobOf(final.id))?.extra).toBe(HOSTILE_PROMPT);
    // What the emulator received, as Discord would store and render it.
    const description = embedOf(final)?.description ?? '';
    expect(description).toContain('\\[Free Nitro](https://evil.example)');
    expect(description).toContain('\\<@123456789>');
    expect(discordLiveMarkup(description)).toEqual([]);
    expect(final.mention_everyone).toBe(false);

    const gallery = await f.reply((await f.slash('gallery')).interactionId);
    const item = gallery.embeds.find((e) => e.description?.includes('Free Nitro'));
    expect(item?.description).toContain('\\[Free Nitro](https://evil.example)');
    for (const embed of gallery.embeds) expect(discordLiveMarkup(embed.description ?? '')).toEqual([]);
  });

  it('an error quoting the typed value keeps it as text', async () => {
    const { interactionId } = await f.slash('generate', {
      style: '[Free](https://evil.example)',
      pose: 'waving',
    });
    const note = await f.discord.waitForMessage(
      (m) => ((m.flags ?? 0) & 64) !== 0 && m.interaction_metadata?.id === interactionId,
    );
    expect(note.content).toContain('Unknown style "\\[Free](https://evil.example)"');
    expect(discordLiveMarkup(note.content)).toEqual([]);
  });
});

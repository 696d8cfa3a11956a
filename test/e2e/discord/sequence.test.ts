import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DiscordBotFixture,
  startDiscordBotFixture,
  statusOf,
} from '../../helpers/discord-bot-fixture.js';

describe('Discord /sequence', () => {
  let f: DiscordBotFixture;

  beforeAll(async () => {
    f = await startDiscordBotFixture({ env: { PROVIDER_CONCURRENCY: '4' } });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('starts a thread from the reply and gives every frame its own live message there', async () => {
    const header = await f.reply(
      (await f.slash('sequence', { style: 'claymation', outfit: 'explorer' })).interactionId,
    );
    expect(header.embeds[0]?.title).toContain('onboarding sequence');
    const threadId = await f.discord.waitFor(() => f.discord.message(header.id)?.thread?.id);
    const frames = await f.discord.waitFor(() => {
      const posted = f.discord.messages(threadId);
      return posted.length === 8 && posted.every((m) => /^(✅|❌|🚫)/.test(statusOf(m))) ? posted : undefined;
    }, 20_000);
    const jobs = await Promise.all(frames.map((m) => f.jobOf(m.id)));
    expect(new Set(jobs.map((j) => j?.sequenceId)).size).toBe(1);
    expect(jobs.map((j) => j?.options.frame)).toEqual([
      'welcome',
      'meet-the-captain',
      'your-mission',
      'gather-tools',
      'light-the-fire',
      'deep-focus',
      'daily-training',
      'summit-celebration',
    ]);
    expect(jobs.every((j) => j?.status === 'done' && j.options.style === 'claymation')).toBe(true);
    for (const m of frames) await f.rerollReaction(m.id);
    // A frame's 🔁 works inside the thread too.
    f.discord.react({ userId: f.ada, messageId: frames[0]?.id ?? '', emoji: '🔁' });
    const reroll = await f.discord.waitForMessage((m) => m.message_reference?.message_id === frames[0]?.id);
    expect(reroll.channel_id).toBe(threadId);
    await f.finalMessage(reroll.id);
  }, 30_000);
});

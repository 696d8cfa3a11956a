import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { nextHourReset } from '../../helpers/clock-windows.js';
import { type DiscordBotFixture, startDiscordBotFixture } from '../../helpers/discord-bot-fixture.js';
import { ALL_DIMENSIONS } from '../../helpers/options.js';

const ALL = ALL_DIMENSIONS;
const EPHEMERAL = 64;

describe('Discord /atelier end to end (real discord.js, emulated Discord and fal)', () => {
  let f: DiscordBotFixture;
  let linus: string;

  beforeAll(async () => {
    f = await startDiscordBotFixture({ clearOfBoundaries: true });
    linus = f.discord.users.find((u) => u.username === 'linus')?.id ?? '';
  });
  afterAll(async () => {
    await f?.close();
  });

  /** The private answer to an interaction: the edited deferred reply, or an ephemeral reply/follow-up. */
  const answer = (interactionId: string) =>
    f.discord.waitForMessage(
      (m) =>
        ((m.flags ?? 0) & EPHEMERAL) !== 0 &&
        m.interaction_metadata?.id === interactionId &&
        ((m.flags ?? 0) & (1 << 7)) === 0,
    );
  const admin = async (sub: string, options: Record<string, string> = {}) => {
    const message = await answer((await f.slash(`atelier ${sub}`, options)).interactionId);
    expect((message.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    return message.content;
  };
  const generate = async (userId: string) => {
    const { interactionId } = await f.slash('generate', ALL, { userId });
    return f.discord.waitForMessage(
      (m) =>
        m.interaction_metadata?.id === interactionId &&
        (((m.flags ?? 0) & EPHEMERAL) !== 0 || /^(✅|❌|🚫)/.test(m.embeds[0]?.description ?? '')),
      10_000,
    );
  };

  it('is registered for Manage Server holders only, with subcommands', () => {
    const atelier = f.discord.commands().find((c) => c.name === 'atelier');
    expect(atelier?.default_member_permissions).toBe('32');
    expect(atelier?.options?.every((o) => o.type === 1)).toBe(true);
  });

  it('an admin sets a quota and the next image over it is refused with the reset time', async () => {
    // The later tests generate images: a failure here must not leave the quota in their way.
    onTestFailed(async () => {
      await admin('quota', { limit: 'user-hourly', value: 'default' });
    });
    expect(await admin('quota', { limit: 'user-hourly', value: '1' })).toBe(
      'Images per person per hour: 1 (was no limit).',
    );
    expect(await admin('limits')).toContain('Images per person per hour: 1 (set here)');
    expect((await generate(f.grace)).embeds[0]?.description).toMatch(/^✅/);
    const refused = await generate(f.grace);
    expect(refused.content).toContain(
      `You have used 1 of 1 images this hour; more at ${nextHourReset(f.now())}.`,
    );
    expect(await admin('quota', { limit: 'user-hourly', value: 'default' })).toBe(
      'Images per person per hour: back to the configured default, no limit (was 1).',
    );
    const stats = await admin('stats');
    expect(stats).toMatch(/^Today here/);
    expect(stats).toContain('Jobs: 1 (done 1)');
  });

  it('refuses anyone without Manage Server, privately', async () => {
    const { interactionId } = await f.slash('atelier stats', {}, { userId: f.grace });
    const refused = await answer(interactionId);
    expect(refused.content).toBe(
      'Only members with the Manage Server permission can use /atelier in this server.',
    );
    const { interactionId: pauseId } = await f.slash('atelier pause', {}, { userId: f.grace });
    await answer(pauseId);
    expect((await generate(linus)).embeds[0]?.description).toMatch(/^✅/);
  });

  it('bans and unbans a user', async () => {
    expect(await admin('ban', { user: linus, reason: 'spam' })).toBe(
      `<@${linus}> can no longer make images here. Reason: spam`,
    );
    expect((await generate(linus)).content).toContain(
      'An admin has turned off image generation for you in this server.',
    );
    expect(await admin('unban', { user: linus })).toBe(`<@${linus}> can make images here again.`);
    expect((await generate(linus)).embeds[0]?.description).toMatch(/^✅/);
  });

  it('pauses and resumes generation for everyone, and purges a user’s images', async () => {
    expect(await admin('pause')).toMatch(/^Image generation is paused here\./);
    for (const who of [f.grace, linus, f.ada])
      expect((await generate(who)).content).toContain(
        'Image generation is paused in this server by an admin.',
      );
    expect(await admin('resume')).toBe('Image generation is on again here.');
    expect((await generate(f.grace)).embeds[0]?.description).toMatch(/^✅/);
    const audit = await f.bot.core.audit.query({ workspaceId: f.discord.guild().id, limit: 100 });
    expect(await admin('purge', { user: f.grace })).toBe(`Deleted 2 images by <@${f.grace}>.`);
    expect(audit.filter((e) => e.source === 'admin').map((e) => e.action)).toEqual([
      'resume',
      'pause',
      'unban',
      'ban',
      'settings',
      'settings',
    ]);
  });
});

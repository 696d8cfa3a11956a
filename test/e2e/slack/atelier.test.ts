import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ART,
  MAYA,
  RAVI,
  type SlackBotFixture,
  startSlackBotFixture,
} from '../../helpers/slack-bot-fixture.js';

const ALL_DIMENSIONS =
  'style:comic-book pose:flexing outfit:explorer footwear:hiking-boots prop:torch frame:hero';

describe('Slack /atelier end to end (real Bolt, emulated Slack and fal)', () => {
  let f: SlackBotFixture;

  beforeAll(async () => {
    f = await startSlackBotFixture({ env: { SLACK_ADMIN_USER_IDS: MAYA } });
  });
  afterAll(async () => {
    await f?.close();
  });

  /** Runs a slash command and returns the next private message the user sees. */
  const say = async (userId: string, command: string, text = '') => {
    const seen = new Set(f.slack.ephemerals(userId).map((e) => e.ts));
    await f.slack.slashCommand({ userId, channelId: ART, command, text });
    return (await f.until(() => f.slack.ephemerals(userId).find((e) => !seen.has(e.ts)))).text ?? '';
  };

  it('lists /atelier in the manifest with its subcommands', async () => {
    const { buildSlackManifest } = await import('../../../src/platforms/slack/manifest.js');
    const manifest = buildSlackManifest(f.bot.core.catalogs, 'https://bot.example');
    const atelier = manifest.features.slash_commands.find((c) => c.command === '/atelier');
    expect(atelier?.usage_hint).toMatch(/^stats \| usage \[period\] \| limits \| quota <limit> <value>/);
  });

  it('an admin reads and changes the limits, bans a user, and sees usage; all private', async () => {
    expect(await say(MAYA, '/atelier', 'limits')).toMatch(/^Limits here \(UTC days and months\):\n/);
    expect(await say(MAYA, '/atelier', 'quota user-daily 5')).toBe(
      'Images per person per day: 5 (was no limit).',
    );
    expect(await say(MAYA, '/atelier', 'ban <@U0RAVI0001|ravi> posting spam')).toBe(
      `<@${RAVI}> can no longer make images here. Reason: posting spam`,
    );
    expect(await say(RAVI, '/generate', ALL_DIMENSIONS)).toBe(
      'An admin has turned off image generation for you in this server.',
    );
    expect(await f.countJobs()).toBe(0);
    expect(await say(MAYA, '/atelier', `unban ${RAVI}`)).toBe(`<@${RAVI}> can make images here again.`);
    expect(await say(MAYA, '/atelier', 'usage month')).toMatch(
      /^Usage here this month .*: 0 images, \$0\.00\n/,
    );
    expect(await say(MAYA, '/atelier', 'stast')).toBe('Unknown subcommand "stast". Did you mean "stats"?');
    const audit = await f.bot.core.audit.query({ userId: MAYA, limit: 20 });
    expect(audit.map((e) => e.action)).toEqual(['unban', 'ban', 'settings']);
  });

  it('refuses anyone not listed in SLACK_ADMIN_USER_IDS, whatever they typed', async () => {
    for (const text of ['stats', 'pause', ''])
      expect(await say(RAVI, '/atelier', text)).toBe(
        'Only the admins listed in SLACK_ADMIN_USER_IDS can use /atelier.',
      );
    expect((await f.bot.core.admin.limits({ ...adminOf(f), userId: MAYA })).paused).toBe(false);
  });
});

const adminOf = (f: SlackBotFixture) => ({
  platform: 'slack' as const,
  workspaceId: f.slack.team.id,
  channelId: ART,
  userId: MAYA,
  admin: true,
});

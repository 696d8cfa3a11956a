import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ART,
  MAYA,
  RANDOM,
  type SlackBotFixture,
  startSlackBotFixture,
} from '../../helpers/slack-bot-fixture.js';

const GENERAL = 'C0GENERAL1';
const ALL = 'style:comic-book pose:waving outfit:explorer footwear:hiking-boots prop:torch frame:hero';

describe('Slack: no job is paid for where the bot cannot post its result', () => {
  let f: SlackBotFixture;

  beforeAll(async () => {
    f = await startSlackBotFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  const postsTo = (channel: string) =>
    f.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

  it.each([
    ['/generate', ALL],
    ['/sequence', 'style:comic-book'],
  ])(
    '%s in a channel without the bot: told to invite it; no job, no fal submit, no post',
    async (command, text) => {
      const jobs = await f.countJobs();
      const submits = f.fal.stats().submits;
      const answers = f.slack.ephemerals(MAYA).filter((e) => e.channel === RANDOM).length;
      await f.slack.slashCommand({ userId: MAYA, channelId: RANDOM, command, text });
      const answer = await f.until(
        () => f.slack.ephemerals(MAYA).filter((e) => e.channel === RANDOM)[answers],
      );
      expect(await f.countJobs()).toBe(jobs);
      expect(f.fal.stats().submits).toBe(submits);
      expect(postsTo(RANDOM)).toEqual([]);
      expect(answer.text).toContain('/invite @Atelier');
      expect(answer.text).toContain('nothing was started');
    },
  );

  it('goes ahead when Slack cannot say (refusing then would stop everyone)', async () => {
    f.slack.setKnobs({ failNext: { 'conversations.info': { error: 'internal_error', count: 1 } } });
    const before = await f.countJobs();
    await f.slack.slashCommand({ userId: MAYA, channelId: GENERAL, command: '/generate', text: ALL });
    await f.until(async () => (await f.countJobs()) === before + 1);
    expect(f.slack.callsTo('conversations.info').at(-1)).toMatchObject({
      ok: false,
      error: 'internal_error',
    });
  });

  it('goes ahead where the bot is a member, and in a direct message with the bot', async () => {
    for (const channelId of [ART, MAYA]) {
      const before = await f.countJobs();
      const result = await f.slack.slashCommand({ userId: MAYA, channelId, command: '/generate', text: ALL });
      expect(result.acked).toBe(true);
      await f.until(async () => (await f.countJobs()) === before + 1);
    }
    const dm = f.slack.channels().find((c) => c.isIm && c.user === MAYA);
    const message = await f.until(() => f.botMessages(dm?.id)[0]);
    await f.finalMessage(message.channel, message.ts);
  });
});

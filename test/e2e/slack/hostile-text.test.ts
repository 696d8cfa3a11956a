import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_PROMPT } from '../../contract/render-contract.js';
import { slackLiveMarkup, slackTextObjects } from '../../helpers/live-markup.js';
import { ART, MAYA, type SlackBotFixture, startSlackBotFixture } from '../../helpers/slack-bot-fixture.js';

const ALL_DIMENSIONS =
  'style:comic-book pose:flexing outfit:explorer footwear:hiking-boots prop:torch frame:hero';

/** How Slack delivers typed text in a slash command: &, < and > as entities. */
const asSlackSends = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The bot's own control sequences on a job card: the requester's mention and Slack's localized date. */
const OWN = [new RegExp(`^<@${MAYA}>$`), /^<!date\^/];

describe('Slack: what a person types is shown as typed in the bot’s public posts (emulated Slack)', () => {
  let f: SlackBotFixture;
  beforeAll(async () => {
    f = await startSlackBotFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('links, mentions and <!channel> in the prompt reach Slack escaped, with Slack’s own parsing off', async () => {
    const before = new Set(f.botMessages().map((m) => m.ts));
    const result = await f.slack.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/generate',
      text: `${ALL_DIMENSIONS} ${asSlackSends(HOSTILE_PROMPT)}`,
    });
    expect(result).toMatchObject({ acked: true });
    const message = await f.until(() => f.botMessages().find((m) => !before.has(m.ts)));
    const final = await f.finalMessage(ART, message.ts);
    expect((await f.jobOf(final))?.extra).toBe(HOSTILE_PROMPT);

    const texts = slackTextObjects(final.blocks);
    const all = texts.map((t) => t.text).join('\n');
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('&lt;@123456789&gt;');
    expect(texts.flatMap((t) => slackLiveMarkup(t, OWN))).toEqual([]);
  });

  it('an error quoting the typed value keeps it as text', async () => {
    await f.slack.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/generate',
      text: `style:${asSlackSends('<https://evil.example|Free>')} pose:waving`,
    });
    const answer = await f.until(() => f.slack.ephemerals(MAYA).find((e) => e.text.includes('evil.example')));
    expect(answer.text).toContain('Unknown style "&lt;https://evil.example|Free&gt;"');
  });
});

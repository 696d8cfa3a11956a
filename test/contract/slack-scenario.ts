/**
 * A representative Slack session, run by the contract suite against the real bot: /generate with every
 * option and with a modal, a re-roll, gallery paging, the style browser, a sequence and deletions. The
 * emulator records each Web API call (arguments and answer) and each payload it delivered.
 */
import { ART, MAYA, type SlackBotFixture, startSlackBotFixture } from '../helpers/slack-bot-fixture.js';

const ALL = 'style:claymation pose:waving outfit:explorer footwear:hiking-boots prop:lantern frame:hero';

export async function runSlackScenario(): Promise<SlackBotFixture> {
  const f = await startSlackBotFixture();
  const { slack } = f;
  const newBotMessage = async (act: () => Promise<unknown>) => {
    const before = new Set(f.botMessages().map((m) => m.ts));
    await act();
    const message = await f.until(() => f.botMessages().find((m) => !before.has(m.ts)));
    return f.finalMessage(ART, message.ts);
  };
  const visible = () =>
    slack
      .ephemerals(MAYA)
      .filter((e) => !e.replacedAt && !e.deletedAt)
      .at(-1);
  const nextEphemeral = async (act: () => Promise<unknown>) => {
    const seen = new Set(slack.ephemerals(MAYA).map((e) => e.ts));
    await act();
    return f.until(() => slack.ephemerals(MAYA).find((e) => !seen.has(e.ts)));
  };

  const generate = (text: string) =>
    slack.slashCommand({ userId: MAYA, channelId: ART, command: '/generate', text });
  const first = await newBotMessage(() => generate(`${ALL} a lantern at dusk`));
  for (let take = 2; take <= 6; take++) await newBotMessage(() => generate(`${ALL} take ${take}`));
  // Re-roll by reaction.
  await newBotMessage(() => slack.react({ userId: MAYA, channelId: ART, ts: first.ts, reaction: 'repeat' }));

  // A modal for the missing dimensions, submitted.
  const views = slack.views(MAYA).length;
  await generate('style:watercolor by the sea');
  await f.until(() => slack.views(MAYA)[views]);
  await newBotMessage(() =>
    slack.submitView({ userId: MAYA, values: { 'dim:pose': 'waving', 'dim:frame': 'welcome' } }),
  );

  // Gallery paging and the style browser.
  const page1 = await nextEphemeral(() =>
    slack.slashCommand({ userId: MAYA, channelId: ART, command: '/gallery' }),
  );
  await nextEphemeral(() =>
    slack.blockAction({ userId: MAYA, channelId: ART, messageTs: page1.ts, actionId: 'gallery:page:next' }),
  );
  const styles = await nextEphemeral(() =>
    slack.slashCommand({ userId: MAYA, channelId: ART, command: '/styles' }),
  );
  await nextEphemeral(() =>
    slack.blockAction({
      userId: MAYA,
      channelId: ART,
      messageTs: styles.ts,
      actionId: 'styles:pick',
      selectedOption: 'pixel-art',
    }),
  );
  const picked = visible();
  await slack.blockAction({
    userId: MAYA,
    channelId: ART,
    messageTs: picked?.ts ?? '',
    actionId: 'styles:generate',
  });
  await f.until(() => slack.callsTo('views.open').length >= 2);

  // A sequence (frames in a thread).
  await slack.slashCommand({
    userId: MAYA,
    channelId: ART,
    command: '/sequence',
    text: 'style:claymation outfit:explorer',
  });
  await f.until(
    () => slack.messages(ART).filter((m) => m.thread_ts && m.user === slack.bot.userId).length >= 8,
    20_000,
  );

  // Deletions: the ❌ reaction and the Delete button.
  const doomed = await newBotMessage(() => generate(`${ALL} doomed`));
  await slack.react({ userId: MAYA, channelId: ART, ts: doomed.ts, reaction: 'x' });
  await f.until(() => slack.callsTo('chat.delete').length >= 1);
  const pressed = await newBotMessage(() => generate(`${ALL} pressed`));
  await slack.blockAction({ userId: MAYA, channelId: ART, messageTs: pressed.ts, actionId: 'job:delete' });
  await f.until(() => slack.callsTo('chat.delete').length >= 2);
  return f;
}

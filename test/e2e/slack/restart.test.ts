import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ART, MAYA, type SlackBotFixture, startSlackBotFixture } from '../../helpers/slack-bot-fixture.js';

describe('Slack job messages across a restart', () => {
  let f: SlackBotFixture;

  beforeAll(async () => {
    f = await startSlackBotFixture({ falKnobs: { latencyMs: 2_500 } });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('a job parked by a shutdown finishes after the restart in the same message', async () => {
    await f.slack.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/generate',
      text: 'style:cave-painting pose:waving outfit:classic-pelt footwear:fur-boots prop:torch frame:hero',
    });
    const message = await f.until(() => f.botMessages()[0]);
    const before = await f.until(async () => {
      const job = await f.jobOf(message);
      return job?.requestId ? job : undefined;
    });
    expect(before.status).not.toBe('done');
    await f.restart(200);
    const final = await f.finalMessage(ART, message.ts, 15_000);
    expect(await f.jobOf(final)).toMatchObject({
      id: before.id,
      status: 'done',
      requestId: before.requestId,
    });
    // The result went into the original message: no second job message was posted.
    expect(f.botMessages()).toHaveLength(1);
    expect(f.fal.stats()).toMatchObject({ submits: 1 });
  });
});

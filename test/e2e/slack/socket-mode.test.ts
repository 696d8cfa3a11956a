import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ART, MAYA, type SlackBotFixture, startSlackBotFixture } from '../../helpers/slack-bot-fixture.js';

describe('Slack in Socket Mode (SLACK_APP_TOKEN set)', () => {
  let f: SlackBotFixture;

  beforeAll(async () => {
    f = await startSlackBotFixture({ socketMode: true });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('connects through apps.connections.open at SLACK_API_URL and reports ready', async () => {
    const open = f.slack.callsTo('apps.connections.open');
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open[0]!.ok).toBe(true);
    expect(f.slack.socketConnections()).toBe(1);
    const ready = (await (await fetch(`http://127.0.0.1:${f.bot.opsPort}/readyz`)).json()) as {
      checks: Array<{ name: string; ok: boolean }>;
    };
    expect(ready.checks.find((c) => c.name === 'slack')).toEqual({ name: 'slack', ok: true });
  });

  it('takes a slash command and a 🔁 reaction over the socket, with nothing on the HTTP endpoint', async () => {
    const result = await f.slack.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/generate',
      text: 'style:anime-cel pose:waving outfit:explorer footwear:hiking-boots prop:torch frame:hero',
    });
    expect(result).toMatchObject({ transport: 'socket', acked: true });
    const message = await f.until(() => f.botMessages()[0]);
    await f.finalMessage(ART, message.ts);
    const reaction = await f.slack.react({
      userId: MAYA,
      channelId: ART,
      ts: message.ts,
      reaction: 'repeat',
    });
    expect(reaction.transport).toBe('socket');
    const reply = await f.until(() =>
      f.botMessages().find((m) => m.thread_ts === message.ts && m.ts !== message.ts),
    );
    expect((await f.jobOf(await f.finalMessage(ART, reply.ts)))?.parentId).toBe((await f.jobOf(message))?.id);
    const http = await fetch(`http://127.0.0.1:${f.bot.port}/slack/events`, { method: 'POST', body: '{}' });
    expect(http.status).toBe(404);
  });
});

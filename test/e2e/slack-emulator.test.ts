import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSlackEmulator } from '../../sandbox/slack/slack-emulator.js';
import type { SlackEmulator } from '../../sandbox/slack/slack-emulator-api.js';
import { quietSlackLogger } from '../helpers/slack-web.js';

const MAYA = 'U0MAYA0001';
const RAVI = 'U0RAVI0001';
const ART = 'C0ART00001';

const modal = (callbackId: string) => ({
  type: 'modal' as const,
  callback_id: callbackId,
  title: { type: 'plain_text' as const, text: 'Generate' },
  submit: { type: 'plain_text' as const, text: 'Go' },
  blocks: [
    {
      type: 'input',
      block_id: 'style',
      label: { type: 'plain_text', text: 'Style' },
      element: {
        type: 'static_select',
        action_id: 'style_pick',
        options: [
          { text: { type: 'plain_text', text: 'Film noir' }, value: 'noir' },
          { text: { type: 'plain_text', text: 'Watercolor' }, value: 'watercolor' },
        ],
      },
    },
    {
      type: 'input',
      block_id: 'prompt',
      label: { type: 'plain_text', text: 'Prompt' },
      element: { type: 'plain_text_input', action_id: 'prompt_text' },
    },
  ],
});

describe('Slack emulator with Bolt over HTTP', () => {
  let emulator: SlackEmulator;
  let app: App;
  let skewMs = 0;
  const seen = {
    commands: [] as string[],
    views: [] as unknown[],
    actions: [] as unknown[],
    reactions: [] as unknown[],
  };
  const retryNums: Array<number | undefined> = [];

  beforeAll(async () => {
    // A skewable clock lets a test age trigger ids without sleeping. Rate limits off: the tests post into
    // #art back to back, beyond Slack's short burst, to try the emulator's features; Slack's pacing is
    // tried in test/unit/sandbox/slack/web-api.test.ts and under the bot in test/e2e/slack.
    emulator = await startSlackEmulator({
      clock: { now: () => Date.now() + skewMs },
      knobs: { rateLimits: false },
    });
    app = new App({
      token: emulator.botToken,
      signingSecret: emulator.signingSecret,
      clientOptions: { slackApiUrl: emulator.apiUrl },
      logger: quietSlackLogger(),
    });
    app.command('/generate', async ({ ack, command, client }) => {
      await ack();
      seen.commands.push(command.text);
      const posted = await client.chat.postMessage({
        channel: command.channel_id,
        text: `Queued: ${command.text}`,
      });
      await client.chat.update({
        channel: command.channel_id,
        ts: posted.ts ?? '',
        text: `Done: ${command.text}`,
      });
    });
    app.command('/studio', async ({ ack, command, client }) => {
      await ack();
      await client.views.open({ trigger_id: command.trigger_id, view: modal('studio') });
    });
    app.view('studio', async ({ ack, view }) => {
      seen.views.push(view.state.values);
      const prompt = view.state.values.prompt?.prompt_text?.value ?? '';
      if (prompt.length < 3) await ack({ response_action: 'errors', errors: { prompt: 'Too short' } });
      else await ack();
    });
    app.action('regenerate', async ({ ack, body, respond }) => {
      await ack();
      seen.actions.push(body);
      await respond({ replace_original: true, text: 'Regenerating…' });
    });
    app.event('reaction_added', async ({ event, context }) => {
      seen.reactions.push(event);
      retryNums.push(context.retryNum);
    });
    const server = (await app.start(0)) as { address(): AddressInfo };
    emulator.setEventsUrl(`http://127.0.0.1:${server.address().port}/slack/events`);
  });

  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });

  beforeEach(() => {
    skewMs = 0;
  });

  it('records the auth.test that new App() fires at start', async () => {
    const call = await emulator.waitForCall('auth.test');
    expect(call.ok).toBe(true);
  });

  it('delivers a signed slash command to app.command and records ack, postMessage and update', async () => {
    const result = await emulator.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/generate',
      text: 'a red fox',
    });
    expect(result).toMatchObject({ transport: 'http', status: 200, acked: true });
    await emulator.waitForCall('chat.update');
    expect(seen.commands).toContain('a red fox');
    const methods = emulator.calls.map((c) => c.method).filter((m) => m.startsWith('chat.'));
    expect(methods).toEqual(['chat.postMessage', 'chat.update']);
    const last = emulator.messages(ART).at(-1);
    expect(last).toMatchObject({
      text: 'Done: a red fox',
      user: emulator.bot.userId,
      bot_id: emulator.bot.botId,
    });
    expect(last?.edited).toBeDefined();
  });

  it('opens a modal with the trigger id and routes its submission (errors, then close) to app.view', async () => {
    await emulator.slashCommand({ userId: MAYA, channelId: ART, command: '/studio' });
    await emulator.waitForCall('views.open', { where: (c) => c.ok });
    const [view] = emulator.openViews(MAYA);
    expect(view?.callback_id).toBe('studio');

    const rejected = await emulator.submitView({
      userId: MAYA,
      values: { style_pick: 'noir', prompt_text: 'ox' },
    });
    expect(rejected).toMatchObject({
      acked: true,
      responseAction: 'errors',
      errors: { prompt: 'Too short' },
    });
    expect(emulator.openViews(MAYA)).toHaveLength(1);

    const accepted = await emulator.submitView({
      userId: MAYA,
      values: { style_pick: 'watercolor', prompt_text: 'an owl' },
    });
    expect(accepted.acked).toBe(true);
    expect(emulator.openViews(MAYA)).toHaveLength(0);
    expect(seen.views.at(-1)).toEqual({
      style: {
        style_pick: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'Watercolor' }, value: 'watercolor' },
        },
      },
      prompt: { prompt_text: { type: 'plain_text_input', value: 'an owl' } },
    });
  });

  it('refuses an expired trigger id and a used one', async () => {
    const client = new WebClient(emulator.botToken, {
      slackApiUrl: emulator.apiUrl,
      logger: quietSlackLogger(),
    });
    const first = await emulator.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/generate',
      text: 'x',
    });
    skewMs = 3_001;
    await expect(
      client.views.open({ trigger_id: first.triggerId, view: modal('late') }),
    ).rejects.toMatchObject({
      data: { ok: false, error: 'expired_trigger_id' },
    });
    skewMs = 0;
    const second = await emulator.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/generate',
      text: 'y',
    });
    await client.views.open({ trigger_id: second.triggerId, view: modal('once') });
    await expect(
      client.views.open({ trigger_id: second.triggerId, view: modal('twice') }),
    ).rejects.toMatchObject({
      data: { error: 'exchanged_trigger_id' },
    });
  });

  it('delivers a block action to app.action and applies its respond(replace_original)', async () => {
    const posted = await app.client.chat.postMessage({
      channel: ART,
      text: 'Your image',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'Your image' } },
        {
          type: 'actions',
          block_id: 'result',
          elements: [
            {
              type: 'button',
              action_id: 'regenerate',
              text: { type: 'plain_text', text: 'Again' },
              value: 'job-7',
            },
          ],
        },
      ],
    });
    const ts = posted.ts ?? '';
    const result = await emulator.blockAction({
      userId: RAVI,
      channelId: ART,
      messageTs: ts,
      actionId: 'regenerate',
    });
    expect(result.acked).toBe(true);
    const body = seen.actions.at(-1) as {
      actions: Array<Record<string, unknown>>;
      container: unknown;
      message: { ts: string };
    };
    expect(body.actions[0]).toMatchObject({
      type: 'button',
      action_id: 'regenerate',
      block_id: 'result',
      value: 'job-7',
    });
    expect(body.container).toEqual({ type: 'message', message_ts: ts, channel_id: ART, is_ephemeral: false });
    expect(body.message.ts).toBe(ts);
    await expect.poll(() => emulator.message(ART, ts)?.text).toBe('Regenerating…');
  });

  it('delivers reaction_added as an event_callback to app.event', async () => {
    const posted = await app.client.chat.postMessage({ channel: ART, text: 'react to me' });
    const result = await emulator.react({
      userId: RAVI,
      channelId: ART,
      ts: posted.ts ?? '',
      reaction: 'repeat',
    });
    expect(result.acked).toBe(true);
    await expect.poll(() => seen.reactions.length).toBeGreaterThan(0);
    expect(seen.reactions.at(-1)).toMatchObject({
      type: 'reaction_added',
      user: RAVI,
      reaction: 'repeat',
      item: { type: 'message', channel: ART, ts: posted.ts },
      item_user: emulator.bot.userId,
    });
    expect(emulator.message(ART, posted.ts ?? '')?.reactions).toEqual([
      { name: 'repeat', users: [RAVI], count: 1 },
    ]);
  });

  it('answers 401 to a forged signature and never runs the handler', async () => {
    const before = seen.commands.length;
    const body = new URLSearchParams({
      command: '/generate',
      text: 'forged',
      team_id: emulator.team.id,
      user_id: MAYA,
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const forged = await emulator.deliverRaw({
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': `v0=${'0'.repeat(64)}`,
      },
    });
    const tampered = await emulator.deliverRaw({
      body: `${body}&extra=1`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...emulator.sign(body, ts) },
    });
    const genuine = await emulator.deliverRaw({
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...emulator.sign(body, ts) },
    });
    expect([forged.status, tampered.status, genuine.status]).toEqual([401, 401, 200]);
    await expect.poll(() => seen.commands.length).toBe(before + 1);
  });

  it('refuses a correctly signed request whose timestamp is over 5 minutes old', async () => {
    const before = seen.commands.length;
    const body = new URLSearchParams({
      command: '/generate',
      text: 'stale',
      team_id: emulator.team.id,
    }).toString();
    const stale = Math.floor(Date.now() / 1000) - 301;
    const result = await emulator.deliverRaw({
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...emulator.sign(body, stale) },
    });
    expect(result.status).toBe(401);
    expect(seen.commands.length).toBe(before);
  });

  it('uploads with files v2: stores the bytes and shares the file in the thread once processed', async () => {
    const parent = await app.client.chat.postMessage({ channel: ART, text: 'thread root' });
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const upload = (await app.client.filesUploadV2({
      channel_id: ART,
      thread_ts: parent.ts ?? '',
      initial_comment: 'Here it is',
      file: bytes,
      filename: 'fox.png',
    })) as unknown as {
      files: Array<{ files: Array<{ id: string; url_private: string; channels: string[] }> }>;
    };
    const file = upload.files[0]?.files[0];
    expect(file).toBeDefined();
    expect(emulator.file(file?.id ?? '')?.bytes.equals(bytes)).toBe(true);
    // Slack answers before its upload job has run: no share yet, and the message comes later.
    expect(file?.channels).toEqual([]);
    expect(emulator.file(file?.id ?? '')?.processed).toBe(false);
    expect(emulator.messages(ART).at(-1)?.text).toBe('thread root');
    await expect.poll(() => emulator.messages(ART).at(-1)?.text, { timeout: 3_000 }).toBe('Here it is');
    const shared = emulator.messages(ART).at(-1);
    expect(shared).toMatchObject({ text: 'Here it is', thread_ts: parent.ts });
    expect(shared?.files?.[0]).toMatchObject({
      id: file?.id,
      name: 'fox.png',
      mimetype: 'image/png',
      size: bytes.length,
    });
    const download = await fetch(file?.url_private ?? '', {
      headers: { authorization: `Bearer ${emulator.botToken}` },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect(emulator.callsTo('files.completeUploadExternal').at(-1)?.ok).toBe(true);
  });

  it('re-delivers an event whose ack is slow, with X-Slack-Retry-Num and http_timeout', async () => {
    emulator.setKnobs({ eventRetries: true, ackTimeoutMs: 100, maxRetries: 2, retryDelaysMs: [0, 0] });
    // processBeforeResponse makes Bolt answer only after the listener: a 300 ms listener misses a 100 ms window.
    const slow = new App({
      token: emulator.botToken,
      signingSecret: emulator.signingSecret,
      clientOptions: { slackApiUrl: emulator.apiUrl },
      processBeforeResponse: true,
      logger: quietSlackLogger(),
    });
    const slowRetries: Array<number | undefined> = [];
    slow.event('reaction_added', async ({ context }) => {
      slowRetries.push(context.retryNum);
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const server = (await slow.start(0)) as { address(): AddressInfo };
    const previousUrl = emulator.eventsUrl;
    emulator.setEventsUrl(`http://127.0.0.1:${server.address().port}/slack/events`);
    try {
      const posted = await app.client.chat.postMessage({ channel: ART, text: 'slow one' });
      const result = await emulator.react({
        userId: MAYA,
        channelId: ART,
        ts: posted.ts ?? '',
        reaction: 'eyes',
      });
      expect(result.acked).toBe(false);
      expect(result.attempts.map((a) => [a.retryNum, a.retryReason, a.timedOut])).toEqual([
        [0, undefined, true],
        [1, 'http_timeout', true],
        [2, 'http_timeout', true],
      ]);
      expect(new Set(result.attempts.map((a) => a.eventId)).size).toBe(1);
      expect(slowRetries.sort()).toEqual([1, 2, undefined]);
    } finally {
      emulator.setEventsUrl(previousUrl);
      emulator.setKnobs({ eventRetries: false, ackTimeoutMs: 3000 });
      await slow.stop();
    }
  });
});

describe('Slack emulator with Bolt in Socket Mode', () => {
  let emulator: SlackEmulator;
  let app: App;
  const commands: string[] = [];
  const reactions: string[] = [];

  beforeAll(async () => {
    emulator = await startSlackEmulator();
    app = new App({
      token: emulator.botToken,
      appToken: emulator.appToken,
      socketMode: true,
      clientOptions: { slackApiUrl: emulator.apiUrl },
      installerOptions: { clientOptions: { slackApiUrl: emulator.apiUrl } },
      logger: quietSlackLogger(),
    });
    app.command('/generate', async ({ ack, command }) => {
      commands.push(command.text);
      await ack({ text: `Queued ${command.text}` });
    });
    app.event('reaction_added', async ({ event }) => {
      reactions.push(event.reaction);
    });
    await app.start();
  });

  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });

  it('connects through apps.connections.open with the app token', async () => {
    const open = await emulator.waitForCall('apps.connections.open');
    expect(open.ok).toBe(true);
    expect(emulator.socketConnections()).toBe(1);
  });

  it('delivers a slash command over the WebSocket and shows the ack payload to the user', async () => {
    const result = await emulator.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/generate',
      text: 'a kite',
    });
    expect(result).toMatchObject({ transport: 'socket', acked: true, ack: { text: 'Queued a kite' } });
    expect(result.attempts[0]?.envelopeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(commands).toEqual(['a kite']);
    expect(emulator.ephemerals(MAYA).map((e) => e.text)).toEqual(['Queued a kite']);
  });

  it('delivers an Events API event over the WebSocket', async () => {
    const posted = await app.client.chat.postMessage({ channel: ART, text: 'socket message' });
    const result = await emulator.react({
      userId: RAVI,
      channelId: ART,
      ts: posted.ts ?? '',
      reaction: 'repeat',
    });
    expect(result).toMatchObject({ transport: 'socket', acked: true });
    await expect.poll(() => reactions).toEqual(['repeat']);
  });

  it('refuses apps.connections.open with a bot token', async () => {
    const client = new WebClient(emulator.botToken, {
      slackApiUrl: emulator.apiUrl,
      logger: quietSlackLogger(),
    });
    await expect(client.apps.connections.open()).rejects.toMatchObject({
      data: { error: 'not_allowed_token_type' },
    });
  });
});

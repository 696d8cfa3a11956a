import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifySignature } from '../../../../sandbox/slack/signing.js';
import { DELIVERY_CONNECTIONS, startSlackEmulator } from '../../../../sandbox/slack/slack-emulator.js';
import type { SlackEmulator } from '../../../../sandbox/slack/slack-emulator-api.js';
import { type FakeBot, startFakeBot } from './fake-bot.js';

const ART = 'C0ART00001';
const RANDOM = 'C0RANDOM01';
const MAYA = 'U0MAYA0001';

describe('Slack emulator deliveries to a bot over HTTP', () => {
  let emulator: SlackEmulator;
  let bot: FakeBot;

  beforeAll(async () => {
    bot = await startFakeBot();
    emulator = await startSlackEmulator({ eventsUrl: bot.url });
  });
  afterAll(async () => {
    await emulator?.close();
    await bot?.close();
  });
  beforeEach(() => {
    emulator.reset();
    bot.requests.length = 0;
    bot.setReply(() => ({}));
  });

  const post = (path: string, body: unknown) =>
    fetch(`${emulator.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('signs a form-encoded slash command the way Bolt expects', async () => {
    const result = await emulator.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/generate',
      text: 'a red fox',
    });
    const [request] = bot.requests;
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const signature = String(request?.headers['x-slack-signature']);
    const timestamp = String(request?.headers['x-slack-request-timestamp']);
    expect(
      verifySignature(emulator.signingSecret, { signature, timestamp }, request?.body ?? '', Date.now()),
    ).toBe(true);
    expect(bot.form(0)).toMatchObject({
      command: '/generate',
      text: 'a red fox',
      user_id: MAYA,
      channel_id: ART,
      channel_name: 'art',
      team_id: emulator.team.id,
      api_app_id: emulator.bot.appId,
      trigger_id: result.triggerId,
      response_url: result.responseUrl,
    });
  });

  it('shows a command ack body to the user: JSON or plain text', async () => {
    bot.setReply(() => ({ body: JSON.stringify({ text: 'Queued!' }) }));
    await emulator.slashCommand({ userId: MAYA, channelId: ART, command: '/generate', text: 'x' });
    bot.setReply(() => ({ body: 'pong', contentType: 'text/plain' }));
    await emulator.slashCommand({ userId: MAYA, channelId: ART, command: '/ping' });
    expect(emulator.ephemerals(MAYA).map((e) => [e.text, e.source])).toEqual([
      ['Queued!', 'ack'],
      ['pong', 'ack'],
    ]);
  });

  it('reports a late command ack as not acked and ignores its body', async () => {
    emulator.setKnobs({ ackTimeoutMs: 50 });
    bot.setReply(() => ({ body: JSON.stringify({ text: 'too late' }), delayMs: 150 }));
    const result = await emulator.slashCommand({ userId: MAYA, channelId: ART, command: '/generate' });
    expect(result).toMatchObject({ acked: false, status: 200 });
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]?.timedOut).toBe(true);
    expect(emulator.ephemerals(MAYA)).toEqual([]);
  });

  it('retries events after errors and failed connections when retries are on', async () => {
    emulator.setKnobs({ eventRetries: true, retryDelaysMs: [0] });
    bot.setReply((_req, i) => ({ status: i === 0 ? 500 : 200 }));
    const message = await emulator.postMessage({ userId: MAYA, channelId: ART, text: 'hello' });
    const [delivery] = message.deliveries;
    expect(delivery?.acked).toBe(true);
    expect(delivery?.attempts.map((a) => [a.retryNum, a.retryReason ?? null, a.status])).toEqual([
      [0, null, 500],
      [1, 'http_error', 200],
    ]);
    expect(
      bot.requests.map((r) => [r.headers['x-slack-retry-num'], r.headers['x-slack-retry-reason']]),
    ).toEqual([
      [undefined, undefined],
      ['1', 'http_error'],
    ]);
    const bodies = bot.requests.map(
      (r) => JSON.parse(r.body) as { event_id: string; event: { type: string } },
    );
    expect(bodies[0]?.event_id).toBe(bodies[1]?.event_id);
    expect(bodies[0]?.event.type).toBe('message');

    emulator.setEventsUrl('http://127.0.0.1:9/slack/events');
    try {
      const unreachable = await emulator.react({
        userId: MAYA,
        channelId: ART,
        ts: message.message.ts,
        reaction: 'eyes',
      });
      expect(unreachable.acked).toBe(false);
      expect(unreachable.attempts.map((a) => a.retryReason ?? null)).toEqual([
        null,
        'connection_failed',
        'connection_failed',
        'connection_failed',
      ]);
    } finally {
      emulator.setEventsUrl(bot.url);
    }
  });

  it('does not retry when retries are off', async () => {
    bot.setReply(() => ({ status: 500 }));
    const result = await emulator.postMessage({ userId: MAYA, channelId: ART, text: 'once' });
    expect(result.deliveries[0]).toMatchObject({ acked: false, status: 500 });
    expect(bot.requests).toHaveLength(1);
  });

  it('delivers a burst over a bounded set of keep-alive connections, as through a proxy', async () => {
    bot.setReply(() => ({ delayMs: 20 }));
    const before = bot.connections();
    const burst = Array.from({ length: 3 * DELIVERY_CONNECTIONS }, (_, i) =>
      emulator.slashCommand({ userId: MAYA, channelId: ART, command: '/generate', text: `fox ${i}` }),
    );
    const results = await Promise.all(burst);
    expect(results.every((r) => r.acked)).toBe(true);
    expect(bot.requests).toHaveLength(3 * DELIVERY_CONNECTIONS);
    const opened = bot.connections() - before;
    // In parallel (more than one), yet never a connection per command.
    expect(opened).toBeGreaterThan(1);
    expect(opened).toBeLessThanOrEqual(DELIVERY_CONNECTIONS);
  });

  it('sends message and app_mention events only where the bot is a member', async () => {
    const mention = `<@${emulator.bot.userId}> draw a cat`;
    const result = await emulator.postMessage({ userId: MAYA, channelId: ART, text: mention });
    const events = bot.requests.map((r) => (JSON.parse(r.body) as { event: Record<string, unknown> }).event);
    expect(events.map((e) => e.type)).toEqual(['message', 'app_mention']);
    expect(events[0]).toMatchObject({
      user: MAYA,
      text: mention,
      channel: ART,
      ts: result.message.ts,
      channel_type: 'channel',
    });
    const quiet = await emulator.postMessage({ userId: MAYA, channelId: RANDOM, text: 'nobody hears' });
    expect(quiet.deliveries).toEqual([]);
    expect(emulator.messages(RANDOM).map((m) => m.text)).toEqual(['nobody hears']);
  });

  it('builds block_actions from a modal, keeps a select choice and submits it', async () => {
    await openModal(emulator);
    const [view] = emulator.openViews(MAYA);
    await emulator.blockAction({
      userId: MAYA,
      viewId: view?.id ?? '',
      actionId: 'pick',
      selectedOption: 'pop',
    });
    const action = JSON.parse(bot.form(1).payload ?? '{}') as unknown;
    expect(action).toMatchObject({
      type: 'block_actions',
      container: { type: 'view', view_id: view?.id },
      actions: [
        { type: 'static_select', action_id: 'pick', block_id: 'style', selected_option: { value: 'pop' } },
      ],
      view: { id: view?.id, callback_id: 'cfg' },
    });
    bot.setReply(() => ({
      body: JSON.stringify({
        response_action: 'update',
        view: { type: 'modal', title: { type: 'plain_text', text: 'Thanks' }, blocks: [] },
      }),
    }));
    const submitted = await emulator.submitView({ userId: MAYA, values: { text: 'an owl' } });
    const payload = JSON.parse(bot.form(2).payload ?? '{}') as {
      type: string;
      view: { state: { values: Record<string, Record<string, Record<string, unknown>>> } };
    };
    expect(payload.type).toBe('view_submission');
    expect(payload.view.state.values.style?.pick?.selected_option).toMatchObject({ value: 'pop' });
    expect(payload.view.state.values.prompt?.text).toEqual({ type: 'plain_text_input', value: 'an owl' });
    expect(submitted.responseAction).toBe('update');
    expect(emulator.openViews(MAYA).map((v) => (v.title as { text: string }).text)).toEqual(['Thanks']);

    bot.setReply(() => ({ body: JSON.stringify({ response_action: 'clear' }) }));
    await emulator.submitView({ userId: MAYA });
    expect(emulator.openViews(MAYA)).toEqual([]);
  });

  it('serves response_url: ephemeral, in_channel, replace and delete, with use limits', async () => {
    const { responseUrl } = await emulator.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/generate',
    });
    const say = (body: unknown) =>
      fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await say({ text: 'working…' })).status).toBe(200);
    expect((await say({ text: 'replaced', replace_original: true })).status).toBe(200);
    expect((await say({ text: 'for all', response_type: 'in_channel' })).status).toBe(200);
    expect((await say({ blocks: 'nope' })).status).toBe(400);
    expect(emulator.ephemerals(MAYA).map((e) => [e.text, e.replacedAt !== undefined])).toEqual([
      ['working…', true],
      ['replaced', false],
    ]);
    expect(emulator.messages(ART).map((m) => m.text)).toEqual(['for all']);
    expect((await say({ text: 'fifth' })).status).toBe(200);
    expect(await (await say({ text: 'sixth' })).json()).toEqual({ ok: false, error: 'used_url' });
    expect(emulator.responses().map((r) => r.effect)).toEqual([
      'ephemeral',
      'replaced',
      'in_channel',
      'rejected',
      'ephemeral',
      'rejected',
    ]);

    const posted = await fetch(`${emulator.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: ART,
        text: 'with a button',
        blocks: [
          {
            type: 'actions',
            elements: [{ type: 'button', action_id: 'del', text: { type: 'plain_text', text: 'Delete' } }],
          },
        ],
      }),
    }).then((r) => r.json() as Promise<{ ts: string }>);
    const action = await emulator.blockAction({
      userId: MAYA,
      channelId: ART,
      messageTs: posted.ts,
      actionId: 'del',
    });
    await fetch(action.responseUrl ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"delete_original":true}',
    });
    expect(emulator.message(ART, posted.ts)).toBeUndefined();
  });

  it('drives the simulator and knobs over the /_emulator HTTP API and streams changes', async () => {
    const streamed: string[] = [];
    const controller = new AbortController();
    const stream = await fetch(`${emulator.url}/_emulator/stream`, { signal: controller.signal });
    const reader = stream.body?.getReader();
    const reading = (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const chunk = await reader?.read().catch(() => undefined);
        if (!chunk || chunk.done) return;
        streamed.push(decoder.decode(chunk.value));
      }
    })();

    const res = await post('/_emulator/post-message', {
      userId: MAYA,
      channelId: ART,
      text: 'from the page',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { message: { text: string } }).message.text).toBe('from the page');
    expect(
      (await post('/_emulator/slash-command', { userId: MAYA, channelId: ART, command: 'no-slash' })).status,
    ).toBe(400);
    expect(
      (await post('/_emulator/react', { userId: MAYA, channelId: ART, ts: '1.000001', reaction: 'x' }))
        .status,
    ).toBe(400);
    expect((await post('/_emulator/knobs', { ackTimeoutMs: 'soon' })).status).toBe(400);
    expect(await (await post('/_emulator/knobs', { latencyMs: 5 })).json()).toMatchObject({ latencyMs: 5 });
    const state = (await (await fetch(`${emulator.url}/_emulator/state`)).json()) as {
      channels: Array<{ name: string }>;
    };
    expect(state.channels.map((c) => c.name)).toEqual(['general', 'art', 'random']);

    await expect.poll(() => streamed.join('')).toContain('event: message');
    controller.abort();
    await reading;
  });
});

/** Opens a modal for Maya through a real command → views.open round trip (trigger from the emulator). */
async function openModal(emulator: SlackEmulator) {
  const { triggerId } = await emulator.slashCommand({ userId: MAYA, channelId: ART, command: '/configure' });
  const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
  const res = await fetch(`${emulator.apiUrl}views.open`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emulator.botToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      trigger_id: triggerId,
      view: {
        type: 'modal',
        callback_id: 'cfg',
        title: { type: 'plain_text', text: 'Configure' },
        submit: { type: 'plain_text', text: 'Save' },
        blocks: [
          {
            type: 'section',
            block_id: 'style',
            text: { type: 'mrkdwn', text: 'Style' },
            accessory: { type: 'static_select', action_id: 'pick', options: [option('noir'), option('pop')] },
          },
          {
            type: 'input',
            block_id: 'prompt',
            label: { type: 'plain_text', text: 'Prompt' },
            element: { type: 'plain_text_input', action_id: 'text' },
          },
        ],
      },
    }),
  });
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
}

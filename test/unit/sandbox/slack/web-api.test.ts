import { ErrorCode, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOT_SCOPES } from '../../../../sandbox/slack/scopes.js';
import { startSlackEmulator } from '../../../../sandbox/slack/slack-emulator.js';
import type { SlackEmulator } from '../../../../sandbox/slack/slack-emulator-api.js';
import { emulatorWebClient, quietSlackLogger, slackErrorOf } from '../../../helpers/slack-web.js';

const ART = 'C0ART00001';
const RANDOM = 'C0RANDOM01';
const MAYA = 'U0MAYA0001';

describe('Slack emulator Web API', () => {
  let emulator: SlackEmulator;
  let client: WebClient;

  const errorOf = slackErrorOf;

  beforeAll(async () => {
    // Grants what the methods tried here need beyond the bot's own manifest (conversations.info, users.info).
    emulator = await startSlackEmulator({
      botScopes: [...DEFAULT_BOT_SCOPES, 'channels:read', 'groups:read', 'users:read'],
    });
    client = emulatorWebClient(emulator);
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(() => emulator.reset());

  it('answers auth.test with the workspace and bot identity', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({
      ok: true,
      team: 'Atelier Sandbox',
      team_id: emulator.team.id,
      user_id: emulator.bot.userId,
      bot_id: emulator.bot.botId,
      url: 'https://atelier-sandbox.slack.com/',
    });
    expect(result.response_metadata?.scopes).toContain('chat:write');
  });

  it('checks tokens: missing, unknown, and of the wrong type', async () => {
    const anonymous = new WebClient(undefined, { slackApiUrl: emulator.apiUrl, logger: quietSlackLogger() });
    const stranger = new WebClient('xoxb-not-ours', {
      slackApiUrl: emulator.apiUrl,
      logger: quietSlackLogger(),
    });
    const appLevel = new WebClient(emulator.appToken, {
      slackApiUrl: emulator.apiUrl,
      logger: quietSlackLogger(),
    });
    expect(await errorOf(anonymous.auth.test())).toBe('not_authed');
    expect(await errorOf(stranger.auth.test())).toBe('invalid_auth');
    expect(await errorOf(appLevel.chat.postMessage({ channel: ART, text: 'hi' }))).toBe(
      'not_allowed_token_type',
    );
    const viaBody = await fetch(`${emulator.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${emulator.botToken}`,
    });
    expect(await viaBody.json()).toMatchObject({ ok: true, user_id: emulator.bot.userId });
    expect(emulator.calls.map((c) => c.error ?? 'ok')).toEqual([
      'not_authed',
      'invalid_auth',
      'not_allowed_token_type',
      'ok',
    ]);
  });

  it('accepts JSON bodies the same as form bodies', async () => {
    const res = await fetch(`${emulator.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        authorization: `Bearer ${emulator.botToken}`,
      },
      body: JSON.stringify({ channel: ART, text: 'json', blocks: [{ type: 'divider' }] }),
    });
    const body = (await res.json()) as { ok: boolean; ts: string; message: { blocks: unknown[] } };
    expect(body.ok).toBe(true);
    expect(body.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(body.message.blocks).toEqual([{ type: 'divider', block_id: expect.any(String) }]);
  });

  it('posts, threads, broadcasts, updates, deletes and links messages', async () => {
    const root = await client.chat.postMessage({ channel: ART, text: 'root' });
    const reply = await client.chat.postMessage({ channel: ART, text: 'reply', thread_ts: root.ts ?? '' });
    await client.chat.postMessage({
      channel: ART,
      text: 'loud',
      thread_ts: root.ts ?? '',
      reply_broadcast: true,
    });
    const updated = await client.chat.update({ channel: ART, ts: reply.ts ?? '', text: 'reply v2' });
    expect(updated.text).toBe('reply v2');

    const history = await client.conversations.history({ channel: ART });
    expect(history.messages?.map((m) => m.text)).toEqual(['loud', 'root']);
    expect(history.messages?.[1]).toMatchObject({
      reply_count: 2,
      thread_ts: root.ts,
      latest_reply: expect.any(String),
    });
    const replies = await client.conversations.replies({ channel: ART, ts: root.ts ?? '' });
    expect(replies.messages?.map((m) => m.text)).toEqual(['root', 'reply v2', 'loud']);

    const link = await client.chat.getPermalink({ channel: ART, message_ts: reply.ts ?? '' });
    expect(link.permalink).toBe(
      `https://atelier-sandbox.slack.com/archives/${ART}/p${reply.ts?.replace('.', '')}?thread_ts=${root.ts}&cid=${ART}`,
    );
    await client.chat.delete({ channel: ART, ts: reply.ts ?? '' });
    expect(emulator.message(ART, reply.ts ?? '')).toBeUndefined();
    expect(await errorOf(client.chat.update({ channel: ART, ts: reply.ts ?? '', text: 'gone' }))).toBe(
      'message_not_found',
    );
  });

  it('refuses what Slack refuses when posting', async () => {
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const invalid = await client.chat
      .postMessage({ channel: ART, text: 'x', blocks: tooMany })
      .catch((e) => e.data);
    expect(invalid).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(invalid.response_metadata.messages[0]).toContain('no more than 50 items');
    expect(await errorOf(client.chat.postMessage({ channel: ART, text: '' }))).toBe('no_text');
    expect(await errorOf(client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(await errorOf(client.chat.postMessage({ channel: RANDOM, text: 'x' }))).toBe('not_in_channel');
    expect(await errorOf(client.chat.postMessage({ channel: ART, text: 'x', thread_ts: '1.000001' }))).toBe(
      'thread_not_found',
    );
  });

  it('records ephemeral messages per user', async () => {
    const result = await client.chat.postEphemeral({ channel: ART, user: MAYA, text: 'only you' });
    expect(emulator.ephemerals(MAYA)).toMatchObject([
      { ts: result.message_ts, text: 'only you', channel: ART },
    ]);
    expect(emulator.ephemerals('U0RAVI0001')).toEqual([]);
    expect(
      await errorOf(client.chat.postEphemeral({ channel: RANDOM, user: emulator.bot.userId, text: 'x' })),
    ).toBe('user_not_in_channel');
  });

  it('adds, lists and removes reactions', async () => {
    const posted = await client.chat.postMessage({ channel: ART, text: 'react' });
    const target = { channel: ART, timestamp: posted.ts ?? '' };
    await client.reactions.add({ ...target, name: 'repeat' });
    expect(await errorOf(client.reactions.add({ ...target, name: 'repeat' }))).toBe('already_reacted');
    const got = await client.reactions.get(target);
    expect(got.message?.reactions).toEqual([{ name: 'repeat', users: [emulator.bot.userId], count: 1 }]);
    await client.reactions.remove({ ...target, name: 'repeat' });
    expect(await errorOf(client.reactions.remove({ ...target, name: 'repeat' }))).toBe('no_reaction');
  });

  it('describes conversations and users', async () => {
    const info = await client.conversations.info({ channel: ART });
    expect(info.channel).toMatchObject({ id: ART, name: 'art', is_channel: true, is_member: true });
    const user = await client.users.info({ user: MAYA });
    expect(user.user).toMatchObject({ id: MAYA, name: 'maya', real_name: 'Maya Chen', is_bot: false });
    expect(await errorOf(client.users.info({ user: 'U0NOBODY' }))).toBe('user_not_found');
  });

  it('pages conversations.history with cursors', async () => {
    for (const text of ['one', 'two', 'three']) await client.chat.postMessage({ channel: ART, text });
    const first = await client.conversations.history({ channel: ART, limit: 2 });
    expect(first.messages?.map((m) => m.text)).toEqual(['three', 'two']);
    expect(first.has_more).toBe(true);
    const cursor = first.response_metadata?.next_cursor ?? '';
    const second = await client.conversations.history({ channel: ART, limit: 2, cursor });
    expect(second.messages?.map((m) => m.text)).toEqual(['one']);
    expect(second.has_more).toBe(false);
  });

  it('holds a rate-limited call for Retry-After seconds before the client retries it', async () => {
    const retrying = new WebClient(emulator.botToken, {
      slackApiUrl: emulator.apiUrl,
      logger: quietSlackLogger(),
      retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 },
    });
    emulator.setKnobs({ rateLimitNext: { 'chat.postMessage': 1 }, retryAfterSeconds: 1 });
    const posted = await retrying.chat.postMessage({ channel: ART, text: 'patient' });
    expect(posted.ok).toBe(true);
    const [limited, retried] = emulator.callsTo('chat.postMessage');
    expect(limited).toMatchObject({ status: 429, error: 'ratelimited' });
    expect(retried?.ok).toBe(true);
    // setTimeout may fire a millisecond early against Date.now(); the point is the second-long wait.
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it('surfaces Retry-After to a client that rejects rate-limited calls', async () => {
    const impatient = new WebClient(emulator.botToken, {
      slackApiUrl: emulator.apiUrl,
      logger: quietSlackLogger(),
      rejectRateLimitedCalls: true,
    });
    emulator.setKnobs({ rateLimitNext: { 'chat.update': 1 }, retryAfterSeconds: 7 });
    await expect(impatient.chat.update({ channel: ART, ts: '1.000001', text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    expect(emulator.knobs().rateLimitNext['chat.update']).toBe(0);
  });

  it('enforces tier limits when rate limiting is on', async () => {
    const impatient = new WebClient(emulator.botToken, {
      slackApiUrl: emulator.apiUrl,
      logger: quietSlackLogger(),
      rejectRateLimitedCalls: true,
    });
    emulator.setKnobs({ rateLimits: true, postMessageBurst: 2, methodLimitsPerMinute: { 'users.info': 1 } });
    await impatient.chat.postMessage({ channel: ART, text: '1' });
    await impatient.chat.postMessage({ channel: ART, text: '2' });
    await expect(impatient.chat.postMessage({ channel: ART, text: '3' })).rejects.toMatchObject({
      retryAfter: 1,
    });
    // The limit is per channel.
    await impatient.chat.postMessage({ channel: 'C0GENERAL1', text: 'elsewhere' });
    await impatient.users.info({ user: MAYA });
    await expect(impatient.users.info({ user: MAYA })).rejects.toMatchObject({ retryAfter: 60 });
  });

  it('fails the next calls of a method on demand', async () => {
    emulator.setKnobs({ failNext: { 'chat.postMessage': { error: 'fatal_error', count: 1 } } });
    expect(await errorOf(client.chat.postMessage({ channel: ART, text: 'x' }))).toBe('fatal_error');
    expect((await client.chat.postMessage({ channel: ART, text: 'x' })).ok).toBe(true);
  });

  it('answers unknown methods with unknown_method', async () => {
    expect(await errorOf(client.apiCall('chat.teleport', {}))).toBe('unknown_method');
  });
});

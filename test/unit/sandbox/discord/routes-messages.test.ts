import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DiscordEmulator, startDiscordEmulator } from '../../../../sandbox/discord/index.js';
import { api, pngHeader } from './helpers.js';

let emu: DiscordEmulator;
let general: string;

beforeAll(async () => {
  emu = await startDiscordEmulator();
  general = emu.channelId('general');
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const row = (n: number) => ({ type: 1, components: [{ type: 2, style: 1, custom_id: `b${n}`, label: 'B' }] });

describe('auth and identity', () => {
  it('refuses bot routes without the configured bot token', async () => {
    expect((await api(emu, 'GET', '/users/@me', undefined, { auth: false })).status).toBe(401);
    expect((await api(emu, 'GET', '/users/@me', undefined, { auth: 'wrong' })).body).toEqual({
      message: '401: Unauthorized',
      code: 0,
    });
    const me = await api(emu, 'GET', '/users/@me');
    expect(me.body).toMatchObject({ id: emu.applicationId, bot: true });
  });

  it('describes the gateway and the application', async () => {
    const gateway = await api(emu, 'GET', '/gateway/bot');
    expect(gateway.body).toMatchObject({
      url: emu.gatewayUrl,
      shards: 1,
      session_start_limit: { max_concurrency: 16 },
    });
    expect((await api(emu, 'GET', '/applications/@me')).body).toMatchObject({
      id: emu.applicationId,
      bot: { id: emu.applicationId },
    });
    expect((await api(emu, 'GET', `/channels/${general}`)).body).toMatchObject({
      id: general,
      name: 'general',
      type: 0,
    });
    expect((await api(emu, 'GET', '/channels/1234567890123456789')).body).toMatchObject({ code: 10003 });
  });
});

describe('messages', () => {
  it('creates full message objects and pages them newest first', async () => {
    const ids: string[] = [];
    for (const content of ['one', 'two', 'three']) {
      const res = await api(emu, 'POST', `/channels/${general}/messages`, {
        content,
        embeds: [{ title: content }],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        channel_id: general,
        author: { id: emu.applicationId, bot: true },
        content,
        edited_timestamp: null,
        embeds: [{ type: 'rich', title: content }],
        attachments: [],
        mentions: [],
        pinned: false,
        type: 0,
      });
      expect(Date.parse(res.body.timestamp)).not.toBeNaN();
      ids.push(res.body.id);
    }
    const page = await api(emu, 'GET', `/channels/${general}/messages?limit=2`);
    expect(page.body.map((m: { content: string }) => m.content)).toEqual(['three', 'two']);
    const older = await api(emu, 'GET', `/channels/${general}/messages?before=${ids[1]}`);
    expect(older.body.map((m: { id: string }) => m.id)).toEqual([ids[0]]);
    expect(emu.messages(general).map((m) => m.content)).toEqual(['one', 'two', 'three']);
  });

  it("answers Discord's form errors for empty or oversized messages", async () => {
    expect((await api(emu, 'POST', `/channels/${general}/messages`, {})).body).toMatchObject({ code: 50006 });
    const rows = await api(emu, 'POST', `/channels/${general}/messages`, {
      components: [1, 2, 3, 4, 5, 6].map(row),
    });
    expect(rows.status).toBe(400);
    expect(rows.body).toMatchObject({
      code: 50035,
      errors: { components: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } },
    });
    const options = Array.from({ length: 26 }, (_, i) => ({ label: `o${i}`, value: `v${i}` }));
    const select = await api(emu, 'POST', `/channels/${general}/messages`, {
      components: [{ type: 1, components: [{ type: 3, custom_id: 's', options }] }],
    });
    expect(select.body.errors.components[0].components[0].options._errors[0].code).toBe(
      'BASE_TYPE_BAD_LENGTH',
    );
  });

  it('stores multipart uploads, serves them, and resolves attachment:// in embeds', async () => {
    const png = Buffer.concat([pngHeader(640, 480), Buffer.from('rest of the image')]);
    const form = new FormData();
    form.append('files[0]', new Blob([png], { type: 'image/png' }), 'cat.png');
    form.append(
      'payload_json',
      JSON.stringify({
        content: 'here',
        embeds: [{ image: { url: 'attachment://cat.png' } }],
        attachments: [{ id: 0, filename: 'cat.png', description: 'a cat' }],
      }),
    );
    const res = await api(emu, 'POST', `/channels/${general}/messages`, undefined, { form });
    expect(res.status).toBe(200);
    const [attachment] = res.body.attachments;
    expect(attachment).toMatchObject({
      filename: 'cat.png',
      size: png.length,
      content_type: 'image/png',
      width: 640,
      height: 480,
      description: 'a cat',
    });
    expect(res.body.embeds[0].image).toMatchObject({ url: attachment.url, width: 640, height: 480 });
    const served = await fetch(attachment.url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
    const call = emu.calls({ method: 'POST', route: '/channels/:channelId/messages' }).at(-1);
    expect(call?.files).toEqual([
      { field: 'files[0]', filename: 'cat.png', contentType: 'image/png', size: png.length },
    ]);
    expect(call?.body).toMatchObject({ content: 'here' });

    const kept = await api(emu, 'PATCH', `/channels/${general}/messages/${res.body.id}`, {
      content: 'edited',
    });
    expect(kept.body.attachments).toHaveLength(1);
    expect(kept.body.edited_timestamp).not.toBeNull();
    const cleared = await api(emu, 'PATCH', `/channels/${general}/messages/${res.body.id}`, {
      attachments: [],
    });
    expect(cleared.body.attachments).toEqual([]);
  });

  it('refuses edits of other people’s messages and forgets deleted ones', async () => {
    const theirs = emu.postMessage({ content: 'hi' });
    const edit = await api(emu, 'PATCH', `/channels/${general}/messages/${theirs.id}`, { content: 'x' });
    expect(edit.body).toMatchObject({ code: 50005 });
    // Deleting someone else's message needs Manage Messages, which the invited bot does not have.
    const deleteTheirs = await api(emu, 'DELETE', `/channels/${general}/messages/${theirs.id}`);
    expect(deleteTheirs).toMatchObject({ status: 403, body: { code: 50013 } });
    const mine = await api(emu, 'POST', `/channels/${general}/messages`, { content: 'mine' });
    const id = (mine.body as { id: string }).id;
    expect((await api(emu, 'DELETE', `/channels/${general}/messages/${id}`)).status).toBe(204);
    expect((await api(emu, 'GET', `/channels/${general}/messages/${id}`)).body).toMatchObject({
      code: 10008,
    });
  });

  it('replies with message_reference as type 19 with the referenced message', async () => {
    const original = emu.postMessage({ content: 'make it blue' });
    const res = await api(emu, 'POST', `/channels/${general}/messages`, {
      content: 'ok',
      message_reference: { message_id: original.id },
    });
    expect(res.body).toMatchObject({
      type: 19,
      message_reference: { message_id: original.id },
      referenced_message: { id: original.id },
    });
  });
});

describe('reactions', () => {
  it('adds URL-encoded emoji reactions and reports them per message', async () => {
    // This raw client does not wait out Discord's one reaction per 250 ms; emoji handling is the point here.
    emu.setKnobs({ buckets: {} });
    const msg = emu.postMessage({ content: 'react to me' });
    const path = `/channels/${general}/messages/${msg.id}/reactions/%F0%9F%94%81`;
    expect((await api(emu, 'PUT', `${path}/@me`)).status).toBe(204);
    emu.react({ messageId: msg.id, emoji: '🔁', userId: emu.users[1]?.id });
    const got = await api(emu, 'GET', `/channels/${general}/messages/${msg.id}`);
    expect(got.body.reactions).toEqual([
      {
        emoji: { id: null, name: '🔁' },
        count: 2,
        count_details: { burst: 0, normal: 2 },
        me: true,
        me_burst: false,
        burst_colors: [],
      },
    ]);
    expect((await api(emu, 'GET', path)).body.map((u: { id: string }) => u.id)).toEqual([
      emu.applicationId,
      emu.users[1]?.id,
    ]);
    await api(emu, 'DELETE', `${path}/@me`);
    expect(
      (await api(emu, 'GET', `/channels/${general}/messages/${msg.id}`)).body.reactions[0],
    ).toMatchObject({ count: 1, me: false });
    expect(
      (await api(emu, 'PUT', `/channels/${general}/messages/${msg.id}/reactions/custom:123/@me`)).body,
    ).toMatchObject({ code: 10014 });
  });
});

describe('threads', () => {
  it('starts a thread on a message (same id) and accepts messages in it', async () => {
    const msg = emu.postMessage({ content: 'thread me' });
    const res = await api(emu, 'POST', `/channels/${general}/messages/${msg.id}/threads`, {
      name: 'variations',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: msg.id,
      type: 11,
      parent_id: general,
      name: 'variations',
      thread_metadata: { archived: false },
    });
    expect(emu.message(msg.id)?.thread?.id).toBe(msg.id);
    expect(
      (await api(emu, 'POST', `/channels/${general}/messages/${msg.id}/threads`, { name: 'again' })).body,
    ).toMatchObject({ code: 160004 });
    const inThread = await api(emu, 'POST', `/channels/${msg.id}/messages`, { content: 'first' });
    expect(inThread.body.channel_id).toBe(msg.id);
    const standalone = await api(emu, 'POST', `/channels/${general}/threads`, { name: 'loose', type: 11 });
    expect(standalone.body).toMatchObject({ type: 11, parent_id: general });
    expect(emu.guild().channels.loose).toBe(standalone.body.id);
  });
});

describe('application commands', () => {
  const imagine = {
    name: 'imagine',
    description: 'Make an image',
    options: [
      {
        type: 3,
        name: 'style',
        description: 'Style',
        choices: [{ name: 'Ink', value: 'ink' }],
        required: true,
      },
    ],
  };

  it('bulk-overwrites, keeps ids of unchanged names, and scopes guild commands apart', async () => {
    const base = `/applications/${emu.applicationId}`;
    const first = await api(emu, 'PUT', `${base}/commands`, [imagine]);
    expect(first.body[0]).toMatchObject({
      name: 'imagine',
      type: 1,
      application_id: emu.applicationId,
      options: imagine.options,
    });
    const second = await api(emu, 'PUT', `${base}/commands`, [
      imagine,
      { name: 'gallery', description: 'Browse' },
    ]);
    expect(second.body[0].id).toBe(first.body[0].id);
    expect(emu.commands().map((c) => c.name)).toEqual(['imagine', 'gallery']);
    const guildId = emu.guild().id;
    await api(emu, 'PUT', `${base}/guilds/${guildId}/commands`, [{ name: 'dev', description: 'Dev only' }]);
    expect(emu.commands(guildId).map((c) => c.name)).toEqual(['dev']);
    expect((await api(emu, 'GET', `${base}/commands`)).body).toHaveLength(2);
  });

  it('refuses invalid names and foreign application ids', async () => {
    const bad = await api(emu, 'PUT', `/applications/${emu.applicationId}/commands`, [
      { name: 'Bad Name', description: 'x' },
    ]);
    expect(bad.body).toMatchObject({ code: 50035, errors: { 0: { name: {} } } });
    expect((await api(emu, 'GET', '/applications/1234567890123456789/commands')).body).toMatchObject({
      code: 10002,
    });
  });
});

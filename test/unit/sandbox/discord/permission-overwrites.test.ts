import { PermissionFlagsBits as F } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type DiscordEmulator,
  EmulatorUsageError,
  startDiscordEmulator,
} from '../../../../sandbox/discord/index.js';
import { api, GatewayProbe } from './helpers.js';

let emu: DiscordEmulator;
let locked: string;
let general: string;

beforeAll(async () => {
  emu = await startDiscordEmulator({ guilds: [{ name: 'Guild', channels: ['general', 'locked'] }] });
  await api(emu, 'PUT', `/applications/${emu.applicationId}/commands`, [
    { name: 'ping', description: 'Ping' },
  ]);
  locked = emu.channelId('locked');
  general = emu.channelId('general');
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.setPermissionOverwrites(locked, []);
});

const denyBot = (channelId: string, deny: bigint) =>
  emu.setPermissionOverwrites(channelId, [{ id: emu.botUser.id, type: 1, allow: '0', deny: String(deny) }]);
const appPermissions = (channelId: string) => {
  const { interactionId } = emu.slashCommand({ name: 'ping', channelId });
  const payload = emu.interaction(interactionId)?.payload as { app_permissions?: string } | undefined;
  return BigInt(payload?.app_permissions ?? '0');
};
const post = (channelId: string, body: unknown) => api(emu, 'POST', `/channels/${channelId}/messages`, body);

describe('channel permission overwrites in the Discord emulator', () => {
  it('gives the bot what an operator grants at invite, not Administrator', () => {
    const granted = appPermissions(general);
    expect(granted & F.Administrator).toBe(0n);
    for (const bit of [F.ViewChannel, F.SendMessages, F.EmbedLinks, F.AttachFiles, F.AddReactions])
      expect(granted & bit).toBe(bit);
  });

  it('answers 50013 where an overwrite denies the bot, 50001 without View Channel; elsewhere it works', async () => {
    denyBot(locked, F.SendMessages);
    expect(await post(locked, { content: 'hi' })).toMatchObject({
      status: 403,
      body: { code: 50013, message: 'Missing Permissions' },
    });
    expect((await post(general, { content: 'hi' })).status).toBe(200);
    denyBot(locked, F.ViewChannel);
    expect(await api(emu, 'GET', `/channels/${locked}`)).toMatchObject({
      status: 403,
      body: { code: 50001, message: 'Missing Access' },
    });
  });

  it('applies @everyone, role and member overwrites in Discord’s order', async () => {
    const guild = emu.guild();
    // @everyone loses Send Messages, the bot's own overwrite gives it back.
    emu.setPermissionOverwrites(locked, [
      { id: guild.id, type: 0, allow: '0', deny: String(F.SendMessages) },
      { id: emu.botUser.id, type: 1, allow: String(F.SendMessages), deny: '0' },
    ]);
    expect((await post(locked, { content: 'hi' })).status).toBe(200);
    emu.setPermissionOverwrites(locked, [
      { id: guild.id, type: 0, allow: '0', deny: String(F.SendMessages) },
    ]);
    expect((await post(locked, { content: 'hi' })).status).toBe(403);
  });

  it('needs Add Reactions for a first reaction, Read Message History for replies, threads for threads', async () => {
    const message = (await post(locked, { content: 'hi' })).body as { id: string };
    denyBot(locked, F.AddReactions | F.CreatePublicThreads | F.ReadMessageHistory);
    const react = await api(
      emu,
      'PUT',
      `/channels/${locked}/messages/${message.id}/reactions/%F0%9F%94%81/@me`,
    );
    expect(react.body).toMatchObject({ code: 50013 });
    const reply = await post(locked, { content: 'r', message_reference: { message_id: message.id } });
    expect(reply.body).toMatchObject({ code: 50013 });
    const thread = await api(emu, 'POST', `/channels/${locked}/messages/${message.id}/threads`, {
      name: 't',
    });
    expect(thread.body).toMatchObject({ code: 50013 });
  });

  it('reports the overwrites in app_permissions and CHANNEL_UPDATE; interaction tokens still work', async () => {
    const probe = await GatewayProbe.open(emu.gatewayUrl);
    try {
      probe.identify(emu.botToken, 1);
      await probe.waitFor((f) => f.t === 'GUILD_CREATE');
      denyBot(locked, F.SendMessages | F.AddReactions);
      const update = await probe.waitFor((f) => f.t === 'CHANNEL_UPDATE');
      expect(update.d.permission_overwrites).toEqual([
        { id: emu.botUser.id, type: 1, allow: '0', deny: String(F.SendMessages | F.AddReactions) },
      ]);
    } finally {
      probe.ws.close();
    }
    expect(appPermissions(locked) & (F.SendMessages | F.AddReactions)).toBe(0n);
    const h = emu.slashCommand({ name: 'ping', channelId: locked });
    const callback = `/interactions/${h.interactionId}/${h.token}/callback`;
    expect((await api(emu, 'POST', callback, { type: 5 }, { auth: false })).status).toBe(204);
    const edit = await api(
      emu,
      'PATCH',
      `/webhooks/${emu.applicationId}/${h.token}/messages/%40original`,
      { embeds: [{ title: 'Result' }] },
      { auth: false },
    );
    expect(edit.status).toBe(200);
    expect(() => emu.setPermissionOverwrites('123', [])).toThrow(EmulatorUsageError);
  });

  it('opens a DM channel with a user, where the bot can post', async () => {
    const user = emu.users[0]?.id ?? '';
    const dm = await api(emu, 'POST', '/users/@me/channels', { recipient_id: user });
    expect(dm.body).toMatchObject({ type: 1, recipients: [{ id: user }] });
    const again = await api(emu, 'POST', '/users/@me/channels', { recipient_id: user });
    expect((again.body as { id: string }).id).toBe((dm.body as { id: string }).id);
    expect(emu.dmChannelId(user)).toBe((dm.body as { id: string }).id);
    expect((await post(emu.dmChannelId(user) ?? '', { content: 'psst' })).status).toBe(200);
    expect(emu.messages(emu.dmChannelId(user) ?? '').map((m) => m.content)).toEqual(['psst']);
  });
});

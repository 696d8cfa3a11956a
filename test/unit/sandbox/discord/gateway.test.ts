import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type DiscordEmulator,
  shardIdOf,
  snowflakeFromTimestamp,
  startDiscordEmulator,
} from '../../../../sandbox/discord/index.js';
import { GatewayProbe } from './helpers.js';

const GUILDS = 1;
const GUILD_MESSAGES = 1 << 9;
const REACTIONS = 1 << 10;
const MESSAGE_CONTENT = 1 << 15;
const GUILD_PRESENCES = 1 << 8;

// Consecutive milliseconds: one guild per shard when there are two.
const base = Date.now() - 60_000;
const guildIds: [string, string] = [snowflakeFromTimestamp(base), snowflakeFromTimestamp(base + 1)];

let emu: DiscordEmulator;
const probes: GatewayProbe[] = [];
const open = async () => {
  const probe = await GatewayProbe.open(emu.gatewayUrl);
  probes.push(probe);
  return probe;
};

beforeAll(async () => {
  emu = await startDiscordEmulator({
    knobs: { heartbeatIntervalMs: 1234 },
    guilds: [
      { id: guildIds[0], name: 'Even', channels: ['general'] },
      { id: guildIds[1], name: 'Odd', channels: ['general'] },
    ],
  });
});
afterEach(async () => {
  await Promise.all(probes.splice(0).map((p) => p.close()));
  emu.reset();
});
afterAll(() => emu.close());

describe('gateway handshake', () => {
  it('says HELLO with the heartbeat interval and acknowledges heartbeats', async () => {
    const probe = await open();
    expect((await probe.waitFor((f) => f.op === 10)).d).toEqual({ heartbeat_interval: 1234 });
    probe.send(1, null);
    await probe.waitFor((f) => f.op === 11);
  });

  it('closes with 4004 on a wrong token and 4003 before identifying', async () => {
    const wrong = await open();
    wrong.identify('nope', GUILDS);
    expect(await wrong.waitForClose()).toBe(4004);
    const early = await open();
    early.send(8, { guild_id: guildIds[0] });
    expect(await early.waitForClose()).toBe(4003);
  });

  it('answers IDENTIFY with READY (guilds unavailable) then a full GUILD_CREATE per guild', async () => {
    const probe = await open();
    probe.identify(emu.botToken, GUILDS);
    const ready = await probe.waitFor((f) => f.t === 'READY');
    expect(ready.s).toBe(1);
    expect(ready.d).toMatchObject({
      v: 10,
      user: { id: emu.applicationId, bot: true },
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      resume_gateway_url: emu.gatewayUrl,
      application: { id: emu.applicationId, flags: 0 },
    });
    expect(ready.d.session_id).toMatch(/^[0-9a-f]{32}$/);
    await probe.waitFor((f) => f.t === 'GUILD_CREATE' && f.d.id === guildIds[1]);
    const create = probe.dispatches('GUILD_CREATE')[0];
    expect(create?.s).toBe(2);
    expect(create?.d).toMatchObject({
      id: guildIds[0],
      name: 'Even',
      unavailable: false,
      channels: [{ name: 'general', type: 0 }],
    });
    expect(create?.d.members.map((m: { user: { id: string } }) => m.user.id)).toContain(emu.applicationId);
    expect(create?.d.roles[0]).toMatchObject({ id: guildIds[0], name: '@everyone' });
  });
});

describe('sharding', () => {
  it('gives each shard only the guilds where (guild_id >> 22) % n equals its id', async () => {
    const shards = await Promise.all([open(), open()]);
    for (const [i, probe] of shards.entries()) probe.identify(emu.botToken, GUILDS | GUILD_MESSAGES, [i, 2]);
    const readies = await Promise.all(shards.map((p) => p.waitFor((f) => f.t === 'READY')));
    for (const [i, ready] of readies.entries()) {
      const expected = guildIds.filter((id) => shardIdOf(id, 2) === i);
      expect(ready.d.shard).toEqual([i, 2]);
      expect(ready.d.guilds.map((g: { id: string }) => g.id)).toEqual(expected);
    }
    const even = shardIdOf(guildIds[0], 2);
    const odd = 1 - even;
    emu.postMessage({ channelId: emu.channelId('general', 'Even'), content: 'even guild' });
    emu.postMessage({ channelId: emu.channelId('general', 'Odd'), content: 'odd guild' });
    // Dispatches keep their order per socket, so once the later one arrived the earlier one would have too.
    await shards[odd]?.waitFor((f) => f.t === 'MESSAGE_CREATE');
    await shards[even]?.waitFor((f) => f.t === 'MESSAGE_CREATE');
    expect(shards[odd]?.dispatches('MESSAGE_CREATE').map((f) => f.d.guild_id)).toEqual([guildIds[1]]);
    expect(shards[even]?.dispatches('MESSAGE_CREATE').map((f) => f.d.guild_id)).toEqual([guildIds[0]]);
    expect(emu.gatewaySessions().map((s) => s.guildIds.length)).toEqual([1, 1]);
  });

  it('refuses a shard id outside the shard count', async () => {
    const probe = await open();
    probe.identify(emu.botToken, GUILDS, [2, 2]);
    expect(await probe.waitForClose()).toBe(4010);
  });
});

describe('intents', () => {
  it('sends reactions only with GuildMessageReactions and message content only with MessageContent', async () => {
    const [plain, privileged] = await Promise.all([open(), open()]);
    plain.identify(emu.botToken, GUILDS | GUILD_MESSAGES);
    privileged.identify(emu.botToken, GUILDS | GUILD_MESSAGES | REACTIONS | MESSAGE_CONTENT);
    await Promise.all([plain, privileged].map((p) => p.waitFor((f) => f.t === 'READY')));
    const channelId = emu.channelId('general', 'Even');
    const msg = emu.postMessage({ channelId, content: 'secret words' });
    emu.react({ messageId: msg.id, emoji: '🔁' });
    emu.postMessage({ channelId, content: `hey <@${emu.applicationId}>` });
    await plain.waitFor((f) => f.t === 'MESSAGE_CREATE' && f.d.content.startsWith('hey'));
    await privileged.waitFor((f) => f.t === 'MESSAGE_CREATE' && f.d.content.startsWith('hey'));
    expect(plain.dispatches('MESSAGE_REACTION_ADD')).toEqual([]);
    expect(plain.dispatches('MESSAGE_CREATE')[0]?.d.content).toBe('');
    expect(privileged.dispatches('MESSAGE_CREATE')[0]?.d.content).toBe('secret words');
    expect(privileged.dispatches('MESSAGE_REACTION_ADD')[0]?.d).toMatchObject({
      message_id: msg.id,
      emoji: { id: null, name: '🔁' },
      member: { user: { id: emu.users[0]?.id } },
      guild_id: guildIds[0],
    });
  });
});

describe('GUILD_CREATE members', () => {
  const memberIds = (frame: { d: { members: Array<{ user: { id: string } }> } }) =>
    frame.d.members.map((m) => m.user.id);

  it('holds only the bot without GUILD_PRESENCES, and everyone with it (member_count is the total)', async () => {
    const [plain, presences] = await Promise.all([open(), open()]);
    plain.identify(emu.botToken, GUILDS);
    presences.identify(emu.botToken, GUILDS | GUILD_PRESENCES);
    const [bare, full] = await Promise.all(
      [plain, presences].map((p) => p.waitFor((f) => f.t === 'GUILD_CREATE' && f.d.id === guildIds[0])),
    );
    const everyone = [emu.applicationId, ...emu.users.map((u) => u.id)];
    expect(memberIds(bare as never)).toEqual([emu.applicationId]);
    expect(bare?.d.member_count).toBe(everyone.length);
    expect(memberIds(full as never).sort()).toEqual([...everyone].sort());
  });
});

describe('resume', () => {
  it('replays what a dropped connection missed, then RESUMED; unknown sessions get op 9', async () => {
    const first = await open();
    first.identify(emu.botToken, GUILDS | GUILD_MESSAGES);
    const ready = await first.waitFor((f) => f.t === 'READY');
    await first.waitFor((f) => f.t === 'GUILD_CREATE' && f.d.id === guildIds[1]);
    const seq = Math.max(...first.frames.map((f) => f.s ?? 0));
    await first.close(4000);
    const missed = emu.postMessage({ channelId: emu.channelId('general', 'Even'), content: 'while away' });

    const second = await open();
    second.send(6, { token: emu.botToken, session_id: ready.d.session_id, seq });
    const resumed = await second.waitFor((f) => f.t === 'RESUMED');
    const replay = second.dispatches('MESSAGE_CREATE');
    expect(replay.map((f) => f.d.id)).toEqual([missed.id]);
    expect(replay[0]?.s).toBe(seq + 1);
    expect(resumed.s).toBe(seq + 2);

    const stranger = await open();
    stranger.send(6, { token: emu.botToken, session_id: 'f'.repeat(32), seq: 1 });
    expect((await stranger.waitFor((f) => f.op === 9)).d).toBe(false);
  });

  it('ends the session on a clean close and asks clients to reconnect with op 7', async () => {
    const probe = await open();
    probe.identify(emu.botToken, GUILDS);
    const ready = await probe.waitFor((f) => f.t === 'READY');
    emu.requestReconnect();
    await probe.waitFor((f) => f.op === 7);
    await probe.close(1000);
    const again = await open();
    again.send(6, { token: emu.botToken, session_id: ready.d.session_id, seq: 1 });
    expect((await again.waitFor((f) => f.op === 9)).d).toBe(false);
  });
});

import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  GatewayIntentBits,
  type Interaction,
  type MessageReaction,
  type PartialMessageReaction,
  Partials,
  Routes,
  type TextChannel,
} from 'discord.js';
import { pino } from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type DiscordEmulator,
  shardIdOf,
  snowflakeFromTimestamp,
  startDiscordEmulator,
} from '../../sandbox/discord/index.js';
import { isGuildAdmin } from '../../src/platforms/discord/delete-admin.js';

/** The client the bot builds, pointed at the emulator. */
function createClient(emulator: DiscordEmulator, shards?: { shards: number[]; shardCount: number }): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    partials: [Partials.Message, Partials.Reaction, Partials.User],
    rest: { api: emulator.apiUrl },
    ...shards,
  });
}

async function login(client: Client, token: string): Promise<void> {
  const ready = new Promise((resolve) => client.once('clientReady', resolve));
  await client.login(token);
  await ready;
}

/** Resolves with the next interaction (of the wanted kind) the client receives; discord.js drops malformed ones silently. */
function nextInteraction<T extends Interaction>(
  client: Client,
  accept: (i: Interaction) => i is T,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('interactionCreate', listener);
      reject(new Error('discord.js emitted no matching interaction within 5 s'));
    }, 5000);
    const listener = (interaction: Interaction) => {
      if (!accept(interaction)) return;
      clearTimeout(timer);
      client.off('interactionCreate', listener);
      resolve(interaction);
    };
    client.on('interactionCreate', listener);
  });
}

const isCommand = (i: Interaction): i is ChatInputCommandInteraction => i.isChatInputCommand();

let emu: DiscordEmulator;
let client: Client;

beforeAll(async () => {
  emu = await startDiscordEmulator();
  client = createClient(emu);
  await login(client, emu.botToken);
  await client.application?.commands.set([
    {
      name: 'imagine',
      description: 'Make an image',
      options: [{ type: 3, name: 'prompt', description: 'What', required: true }],
    },
  ]);
});
afterAll(async () => {
  await client?.destroy();
  await emu?.close();
});
beforeEach(() => emu.setKnobs({ force429: [], fail5xx: [], tokenTtlMs: 15 * 60_000 }));

describe('discord.js 14 against the emulator', () => {
  it('becomes ready and sees the sandbox guild with its channels and members', () => {
    const guild = client.guilds.cache.get(emu.guild().id);
    expect(guild?.name).toBe('Atelier Sandbox');
    expect(guild?.channels.cache.map((c) => c.name).sort()).toEqual(['art', 'general']);
    expect(guild?.members.me?.id).toBe(emu.applicationId);
    expect(client.user?.id).toBe(emu.applicationId);
  });

  it('caches only its own member (no GuildPresences intent): the admin check reads others over REST', async () => {
    const guildId = emu.guild().id;
    expect([...(client.guilds.cache.get(guildId)?.members.cache.keys() ?? [])]).toEqual([emu.applicationId]);
    const after = emu.lastCallSeq();
    const [ada, grace] = emu.users;
    const log = pino({ level: 'silent' });
    expect(await isGuildAdmin(client, guildId, ada?.id ?? '', log)).toBe(true);
    expect(await isGuildAdmin(client, guildId, grace?.id ?? '', log)).toBe(false);
    expect(await isGuildAdmin(client, guildId, '1234567890123456789', log)).toBe(false);
    const fetched = emu.calls({ route: 'GET /guilds/:guildId/members/:userId', after });
    expect(fetched.map((c) => [c.path.split('/').at(-1), c.status, c.errorCode])).toEqual([
      [ada?.id, 200, undefined],
      [grace?.id, 200, undefined],
      ['1234567890123456789', 404, 10007],
    ]);
  });

  it('defers, edits the reply with embeds and components, and records the ack latency', async () => {
    const received = nextInteraction(client, isCommand);
    const handle = emu.slashCommand({ name: 'imagine', options: { prompt: 'a red fox' } });
    const interaction = await received;
    expect(interaction.options.getString('prompt')).toBe('a red fox');
    await interaction.deferReply();
    const reply = await interaction.editReply({
      embeds: [{ title: 'A red fox', description: 'ink' }],
      components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'reroll', label: 'Again' }] }],
    });
    const record = emu.interaction(handle.interactionId);
    expect(record).toMatchObject({
      state: 'acknowledged',
      responseType: 5,
      responseMessageId: reply.id,
      deliveredTo: 1,
    });
    expect(record?.ackLatencyMs).toBeGreaterThanOrEqual(0);
    expect(emu.message(reply.id)).toMatchObject({
      embeds: [{ title: 'A red fox', description: 'ink' }],
      components: [{ type: 1, components: [{ custom_id: 'reroll' }] }],
      flags: 0,
    });
    expect(
      emu.calls({ method: 'PATCH', route: '/webhooks/:applicationId/:token/messages/:messageId' }).at(-1)
        ?.path,
    ).toContain('/messages/@original');

    const clicked = nextInteraction(client, (i): i is ButtonInteraction => i.isButton());
    emu.clickButton({ messageId: reply.id, customId: 'reroll' });
    const button = await clicked;
    expect(button.customId).toBe('reroll');
    expect(button.message.id).toBe(reply.id);
    await button.deferUpdate();
  });

  it('delivers a reaction on an uncached message through partials', async () => {
    const posted = emu.postMessage({ channelId: emu.channelId('art'), content: 'reroll me' });
    const reacted = new Promise<MessageReaction | PartialMessageReaction>((resolve) =>
      client.once('messageReactionAdd', (reaction) => resolve(reaction)),
    );
    emu.react({ messageId: posted.id, emoji: '🔁', userId: emu.users[1]?.id });
    const reaction = await reacted;
    expect(reaction.emoji.name).toBe('🔁');
    expect(reaction.message.partial).toBe(true);
    const message = await reaction.message.fetch();
    expect(message.content).toBe('reroll me');
  });

  it('honours a forced 429: the retry comes after retry_after and succeeds', async () => {
    const channel = client.channels.cache.get(emu.channelId('general')) as TextChannel;
    const after = emu.lastCallSeq();
    emu.forceRateLimit('POST /channels/:channelId/messages', { retryAfterMs: 300 });
    const sent = await channel.send('after the wait');
    const calls = emu.calls({ route: 'POST /channels/:channelId/messages', after });
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(300);
    expect(emu.message(sent.id)?.content).toBe('after the wait');
  });

  it('a forced global 429 holds every route: discord.js waits it out and both requests succeed', async () => {
    const general = emu.channelId('general');
    const channel = client.channels.cache.get(general) as TextChannel;
    const after = emu.lastCallSeq();
    emu.forceRateLimit('POST /channels/:channelId/messages', { retryAfterMs: 300, global: true });
    const limited = emu.waitForCall({ route: 'POST /channels/:channelId/messages', status: 429, after });
    const sent = channel.send('after the global wait');
    const first = await limited;
    // Another route, asked for once the global 429 was answered: held until retry_after, by discord.js or us.
    await client.rest.get(Routes.channel(general));
    await sent;
    const read = emu.calls({ route: 'GET /channels/:channelId', after });
    expect(read.at(-1)?.status).toBe(200);
    expect((read.at(-1)?.at ?? 0) - first.at).toBeGreaterThanOrEqual(300);
  });

  it('refuses interaction webhooks after the token expires', async () => {
    emu.setKnobs({ tokenTtlMs: 100 });
    const received = nextInteraction(client, isCommand);
    const handle = emu.slashCommand({ name: 'imagine', options: { prompt: 'late' } });
    const interaction = await received;
    await interaction.deferReply();
    const expiresAt = emu.interaction(handle.interactionId)?.expiresAt ?? 0;
    await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now() + 5));
    const error = await interaction.editReply('too late').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50027);
  });

  it('stores a multipart upload and serves the attachment', async () => {
    const png = await sharp({ create: { width: 6, height: 4, channels: 3, background: '#c0392b' } })
      .png()
      .toBuffer();
    const channel = client.channels.cache.get(emu.channelId('art')) as TextChannel;
    const sent = await channel.send({
      files: [{ attachment: png, name: 'fox.png' }],
      embeds: [{ image: { url: 'attachment://fox.png' } }],
    });
    const attachment = sent.attachments.first();
    expect(attachment).toMatchObject({ name: 'fox.png', width: 6, height: 4, contentType: 'image/png' });
    expect(sent.embeds[0]?.image?.url).toBe(attachment?.url);
    const served = await fetch(attachment?.url ?? '');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
  });
});

describe('sharding', () => {
  it('gives each shard only its guilds, and interactions go to the owning shard', async () => {
    const base = Date.now() - 60_000;
    const ids = [snowflakeFromTimestamp(base), snowflakeFromTimestamp(base + 1)];
    const sharded = await startDiscordEmulator({
      knobs: { recommendedShards: 2 },
      guilds: ids.map((id, i) => ({ id, name: `Guild ${i}`, channels: ['general'] })),
    });
    const clients = [0, 1].map((shard) => createClient(sharded, { shards: [shard], shardCount: 2 }));
    try {
      await Promise.all(clients.map((c) => login(c, sharded.botToken)));
      for (const [shard, c] of clients.entries()) {
        expect([...c.guilds.cache.keys()]).toEqual(ids.filter((id) => shardIdOf(id, 2) === shard));
      }
      await clients[0]?.application?.commands.set([{ name: 'ping', description: 'Ping' }]);
      const target = ids[1] ?? '';
      const owner = clients[shardIdOf(target, 2)];
      const received = owner ? nextInteraction(owner, isCommand) : Promise.reject(new Error('no owner'));
      const handle = sharded.slashCommand({ name: 'ping', channelId: sharded.channelId('general', target) });
      expect((await received).guildId).toBe(target);
      expect(sharded.interaction(handle.interactionId)?.deliveredTo).toBe(1);
    } finally {
      await Promise.all(clients.map((c) => c.destroy()));
      await sharded.close();
    }
  });
});

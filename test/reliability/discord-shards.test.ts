import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardIdOf, snowflakeFromTimestamp } from '../../sandbox/discord/index.js';
import { type BotProcess, createBotProcess } from '../helpers/bot-process.js';
import { OPTIONS, type Rig, startRig } from './rig.js';

// Two guilds whose ids put them on different shards of two: (id >> 22) % 2.
const base = Date.UTC(2021, 0, 1);
const GUILDS = [0, 1].map((shard) => {
  const id = snowflakeFromTimestamp(base + shard);
  return { id, name: `Shard ${shardIdOf(id, 2)} guild` };
});

describe('Discord sharding: DISCORD_SHARDS runs several gateway shards in the one bot process', () => {
  let rig: Rig;
  let auto: BotProcess | undefined;

  beforeAll(async () => {
    rig = await startRig({
      platforms: ['discord'],
      discordGuilds: GUILDS,
      fal: { latencyMs: 200, latencySpreadMs: 0, concurrency: 4 },
      env: { DISCORD_SHARDS: '2' },
    });
    await rig.bot.start();
  }, 60_000);

  afterAll(async () => {
    await auto?.close();
    await rig?.close();
  });

  async function generateIn(guildId: string, tag: string) {
    const discord = rig.discord!;
    const handle = discord.slashCommand({
      name: 'generate',
      options: { ...OPTIONS, prompt: tag },
      channelId: discord.channelId('art', guildId),
      userId: discord.users[0]?.id,
    });
    const record = await discord.waitForInteraction(
      handle.interactionId,
      (r) => r.state !== 'pending',
      5_000,
    );
    expect(record).toMatchObject({ state: 'acknowledged', guildId, deliveredTo: 1 });
    const row = await rig.until(async () =>
      (await rig.rows()).find((r) => r.extra === tag && r.status === 'done'),
    );
    await rig.until(() => rig.messageOf(row).final, 10_000);
    expect(rig.messageOf(row).image).toBe(row.imageUrl);
  }

  const liveSessions = () =>
    rig
      .discord!.gatewaySessions()
      .filter((s) => s.connected)
      .map((s) => ({ shard: s.shard, guildIds: s.guildIds }))
      .sort((x, y) => (x.shard?.[0] ?? 0) - (y.shard?.[0] ?? 0));

  it('DISCORD_SHARDS=2: one connection per shard, each with its guild, and /generate works in both', async () => {
    expect(GUILDS.map((g) => shardIdOf(g.id, 2))).toEqual([0, 1]);
    expect(liveSessions()).toEqual([
      { shard: [0, 2], guildIds: [GUILDS[0]?.id] },
      { shard: [1, 2], guildIds: [GUILDS[1]?.id] },
    ]);
    expect((await rig.bot.opsGet('/readyz')).status).toBe(200);
    await generateIn(GUILDS[0]!.id, 'shard-zero');
    await generateIn(GUILDS[1]!.id, 'shard-one');
  });

  it("DISCORD_SHARDS=auto takes Discord's recommended count", async () => {
    await rig.bot.signal('SIGTERM');
    rig.discord!.setKnobs({ recommendedShards: 2 });
    auto = await createBotProcess({
      env: { ...rig.env, DISCORD_SHARDS: 'auto' },
      logFile: join(rig.dir, 'bot-auto.log'),
    });
    await auto.start();
    await rig.until(() => liveSessions().length === 2 && liveSessions());
    expect(liveSessions().map((s) => s.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    await generateIn(GUILDS[1]!.id, 'auto-one');
  });
});

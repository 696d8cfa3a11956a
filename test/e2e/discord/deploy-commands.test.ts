import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordEmulator, startDiscordEmulator } from '../../../sandbox/discord/index.js';
import { ConfigError, parseConfig } from '../../../src/config.js';
import { type CatalogRegistry, loadCatalogs } from '../../../src/core/catalog/load-catalogs.js';
import { deployCommands } from '../../../src/platforms/discord/deploy-commands.js';

const log = pino({ level: 'silent' });

describe('deployCommands against the Discord emulator (REST only)', () => {
  let discord: DiscordEmulator;
  let catalogs: CatalogRegistry;
  const env = (extra: Record<string, string> = {}) =>
    parseConfig({
      DISCORD_TOKEN: discord.botToken,
      DISCORD_APP_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      ...extra,
    });

  beforeAll(async () => {
    discord = await startDiscordEmulator();
    catalogs = await loadCatalogs();
  });
  afterAll(async () => {
    await discord?.close();
  });

  it('registers every command globally, derived from the declarative definitions', async () => {
    const result = await deployCommands(env(), catalogs, log);
    expect(result.scope).toBe('global');
    const registered = discord.commands();
    expect(registered.map((c) => c.name)).toEqual([
      'generate',
      'gallery',
      'styles',
      'sequence',
      'quota',
      'atelier',
    ]);
    // Admin commands only for Manage Server holders; everything else for everyone.
    expect(registered.map((c) => c.default_member_permissions)).toEqual([null, null, null, null, null, '32']);
    expect(result.commands.map((c) => c.id)).toEqual(registered.map((c) => c.id));
    const generate = registered.find((c) => c.name === 'generate');
    const option = (name: string) =>
      generate?.options?.find((o) => o.name === name) as Record<string, unknown> | undefined;
    // A dimension of one catalog with ≤ 25 options: fixed choices; one shared by both catalogs: autocomplete.
    expect(option('pose')?.choices).toHaveLength(12);
    expect(option('style')).toMatchObject({ type: 3, autocomplete: true });
    expect(option('prompt')).toMatchObject({ type: 3, max_length: 300 });
    expect(option('seed')).toMatchObject({ type: 4, min_value: 0, max_value: 2 ** 31 - 1 });
    expect((option('catalog')?.choices as Array<{ value: string }> | undefined)?.map((c) => c.value)).toEqual(
      ['capitao-caverna', 'cosmic-threads'],
    );
    expect(registered.find((c) => c.name === 'gallery')?.options?.[0]).toMatchObject({
      name: 'user',
      type: 6,
    });
  });

  it('registers to the development guild when DISCORD_DEV_GUILD_ID is set, keeping ids on redeploy', async () => {
    const guildId = discord.guild().id;
    const first = await deployCommands(env({ DISCORD_DEV_GUILD_ID: guildId }), catalogs, log);
    const again = await deployCommands(env({ DISCORD_DEV_GUILD_ID: guildId }), catalogs, log);
    expect(first).toMatchObject({ scope: 'guild', guildId });
    expect(discord.commands(guildId).map((c) => c.name)).toEqual([
      'generate',
      'gallery',
      'styles',
      'sequence',
      'quota',
      'atelier',
    ]);
    expect(again.commands.map((c) => c.id)).toEqual(first.commands.map((c) => c.id));
    expect(discord.calls({ method: 'PUT', path: `/guilds/${guildId}/commands` })).toHaveLength(2);
    expect(discord.gatewaySessions()).toEqual([]);
  });

  it('says what is missing without a Discord token', async () => {
    await expect(deployCommands(parseConfig({}), catalogs, log)).rejects.toBeInstanceOf(ConfigError);
  });
});

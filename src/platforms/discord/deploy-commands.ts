import { type APIApplicationCommand, REST, Routes } from 'discord.js';
import type { Config } from '../../config.js';
import { ConfigError } from '../../config.js';
import type { CatalogRegistry } from '../../core/catalog/load-catalogs.js';
import type { Logger } from '../../core/logger.js';
import { discordCommands } from './command-json.js';

export interface DeployResult {
  scope: 'guild' | 'global';
  guildId: string | undefined;
  commands: Array<{ id: string; name: string }>;
}

/**
 * Registers the commands of `commands/` with Discord (REST only, no gateway): to DISCORD_DEV_GUILD_ID when
 * set (instant, for development), globally otherwise. A bulk overwrite, so removed commands disappear.
 */
export async function deployCommands(
  config: Config,
  catalogs: CatalogRegistry,
  log: Logger,
): Promise<DeployResult> {
  const discord = config.discord;
  if (!discord)
    throw new ConfigError([
      'DISCORD_TOKEN: required to deploy commands (with DISCORD_APP_ID, the application id)',
    ]);
  const body = discordCommands(catalogs);
  const rest = new REST({ api: discord.apiUrl }).setToken(discord.token);
  const guildId = discord.devGuildId;
  const route = guildId
    ? Routes.applicationGuildCommands(discord.appId, guildId)
    : Routes.applicationCommands(discord.appId);
  const saved = (await rest.put(route, { body })) as APIApplicationCommand[];
  const result: DeployResult = {
    scope: guildId ? 'guild' : 'global',
    guildId,
    commands: saved.map((c) => ({ id: c.id, name: c.name })),
  };
  log.info(
    { scope: result.scope, guildId, commands: result.commands.map((c) => c.name) },
    guildId
      ? 'commands deployed to the development guild'
      : 'commands deployed globally (may take a while to show)',
  );
  return result;
}

/**
 * The `atelier` CLI: `npm run atelier -- <command>`. Each command asks only for the configuration it uses,
 * so `catalog` and `prompt` work on a machine with nothing configured.
 */
import { type ParsedArgs, parseArgs, UsageError } from './cli/args.js';
import { runCatalogCommand } from './cli/catalog-command.js';
import { runPromptCommand } from './cli/prompt-command.js';
import type { Core } from './compose.js';
import { ConfigError, loadConfig, type Requirement, requireSettings } from './config.js';
import { loadCatalogs } from './core/catalog/load-catalogs.js';
import { UserError } from './core/errors.js';
import { createLogger } from './infra/logger.js';

const HELP = `atelier — on-brand AI images from Discord and Slack

Usage: npm run atelier -- <command> [options]

  catalog [--catalog ID] [--json]          list catalogs, dimensions and options
  prompt [--catalog ID] [--<dimension> V …] [--extra TEXT] [--aspect A] [--model M] [--json]
                                           build the prompt fitted to the model (default FAL_MODEL):
                                           its size of the model's budget, what was condensed or dropped
  generate [same options as prompt] [--seed N]
                                           run the full pipeline; prints the record as JSON
  batch [--catalog ID] [--cross style,medium | --dimension style] [--limit N]
                                           make the style browser's example set (resumable)
  migrate                                  apply database migrations
  audit [--user U] [--action A] [--since ISO|1h|7d] [--limit N] [--json]
                                           who generated, re-rolled, was refused…, newest first
  purge --platform discord|slack --workspace ID --user ID [--json]
                                           delete every image of one user in a workspace (counts)
  commands deploy                          register slash commands with Discord
  slack manifest                           print the Slack app manifest

Dimensions left out take the catalog's defaults; --catalog defaults to capitao-caverna.
The offline sandbox and the benchmarks are tools beside the product: npm run sandbox, npm run bench.`;

/** Never print credentials that may ride in a URL (libsql://host?authToken=…). */
const redactUrl = (url: string) =>
  url.replace(/([?&]authToken=)[^&]*/i, '$1[redacted]').replace(/\/\/[^/@]*@/, '//[redacted]@');

type Handler = (args: ParsedArgs) => Promise<number | undefined> | number | undefined;

async function withCore(needs: readonly Requirement[], fn: (core: Core) => Promise<number>): Promise<number> {
  const config = loadConfig();
  requireSettings(config, needs);
  const log = createLogger(config.logLevelExplicit ? config.logLevel : 'warn');
  // Loaded on demand: `catalog` and `prompt` should not pay for the database, storage and fal clients.
  const { createCore } = await import('./compose.js');
  const core = await createCore(config, log);
  try {
    return await fn(core);
  } finally {
    await core.close(30_000);
  }
}

const COMMANDS: Record<string, Handler> = {
  catalog: async (args) => {
    runCatalogCommand(args, await loadCatalogs());
    return 0;
  },
  prompt: async (args) => {
    const { createT5TokenCounter } = await import('./infra/tokenizer/t5-token-counter.js');
    const { SHIPPED_PROFILES } = await import('./infra/fal/profiles/index.js');
    const { fal } = loadConfig();
    const own = fal.profiles.filter((p) => !SHIPPED_PROFILES.some((s) => s.endpoint === p.endpoint));
    runPromptCommand(args, await loadCatalogs(), createT5TokenCounter(), fal.model, [
      ...SHIPPED_PROFILES,
      ...own,
    ]);
    return 0;
  },
  generate: (args) =>
    withCore(['fal'], async (core) =>
      (await import('./cli/generate-command.js')).runGenerateCommand(args, core),
    ),
  batch: (args) =>
    withCore(['fal'], async (core) => (await import('./cli/batch-command.js')).runBatchCommand(args, core)),
  migrate: async () => {
    const { migrateDatabase } = await import('./infra/db/database.js');
    const config = loadConfig();
    const log = createLogger(config.logLevel);
    const { applied, total } = await migrateDatabase({
      url: config.database.url,
      ...(config.database.authToken ? { authToken: config.database.authToken } : {}),
      log,
    });
    console.log(`${redactUrl(config.database.url)}: ${applied} migration(s) applied, ${total} in all`);
    return 0;
  },
  audit: async (args) => {
    const config = loadConfig();
    const { runAuditCommand } = await import('./cli/audit-command.js');
    return runAuditCommand(args, { config, log: createLogger('warn'), out: (line) => console.log(line) });
  },
  purge: (args) =>
    withCore([], async (core) =>
      (await import('./cli/purge-command.js')).runPurgeCommand(args, core, (line) => console.log(line)),
    ),
  commands: async (args) => {
    if (args.positionals[0] !== 'deploy') throw new UsageError('Usage: npm run atelier -- commands deploy');
    const config = loadConfig();
    const log = createLogger(config.logLevel);
    const { deployCommands } = await import('./platforms/discord/deploy-commands.js');
    const result = await deployCommands(config, await loadCatalogs(), log);
    const where =
      result.scope === 'guild'
        ? `guild ${result.guildId}`
        : 'every server (global commands can take up to an hour to appear)';
    console.log(`Registered ${result.commands.map((c) => `/${c.name}`).join(', ')} for ${where}.`);
    return 0;
  },
  slack: async (args) => {
    if (args.positionals[0] !== 'manifest') throw new UsageError('Usage: npm run atelier -- slack manifest');
    const config = loadConfig();
    const { buildSlackManifest } = await import('./platforms/slack/manifest.js');
    const manifest = buildSlackManifest(await loadCatalogs(), config.publicBaseUrl, {
      socketMode: Boolean(config.slack?.appToken),
    });
    console.log(JSON.stringify(manifest, null, 2));
    return 0;
  },
};

export async function runCli(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  const name = args.positionals.shift();
  if (!name || name === 'help' || args.flags.has('help') || args.flags.has('h')) {
    console.log(HELP);
    return name ? 0 : 2;
  }
  const handler = COMMANDS[name];
  if (!handler) {
    console.error(`Unknown command "${name}".\n\n${HELP}`);
    return 2;
  }
  try {
    return (await handler(args)) ?? 0;
  } catch (error) {
    if (error instanceof UserError || error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 78;
    }
    throw error;
  }
}

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);

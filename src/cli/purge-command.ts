import type { Core } from '../compose.js';
import type { Platform, Requester } from '../core/types.js';
import { type ParsedArgs, UsageError } from './args.js';
import { cliRequester } from './cli-requester.js';

const PLATFORMS: readonly Platform[] = ['discord', 'slack', 'cli', 'web'];

export const PURGE_USAGE =
  'Usage: npm run atelier -- purge --platform discord|slack --workspace <id> --user <id> [--json]';

function required(args: ParsedArgs, name: string): string {
  const value = args.options.get(name)?.trim();
  if (!value) throw new UsageError(`--${name} is required.\n${PURGE_USAGE}`);
  return value;
}

/**
 * `atelier purge`: an operator deletes every finished result of one user in one workspace (images out of
 * storage, records kept as tombstones). Safe to run again; prints the counts. Chat messages showing the
 * images stay (no chat client runs here): the bot's `/atelier purge` removes them too.
 */
export async function runPurgeCommand(
  args: ParsedArgs,
  core: Pick<Core, 'deletion'>,
  out: (line: string) => void,
): Promise<number> {
  const platform = required(args, 'platform');
  if (!PLATFORMS.includes(platform as Platform))
    throw new UsageError(`--platform: expected one of ${PLATFORMS.join(', ')}, got "${platform}"`);
  const target = {
    platform: platform as Platform,
    workspaceId: required(args, 'workspace'),
    userId: required(args, 'user'),
  };
  // The operator acts as an admin of that workspace; the tombstones and the audit log name them.
  const operator: Requester = {
    platform: target.platform,
    workspaceId: target.workspaceId,
    channelId: 'terminal',
    userId: `operator:${cliRequester().userId}`,
    admin: true,
  };
  const result = await core.deletion.purgeUser(target, operator);
  if (args.flags.has('json')) out(JSON.stringify({ ...target, ...result }));
  else
    out(
      `${target.platform} workspace ${target.workspaceId}, user ${target.userId}: ${result.deleted} deleted, ${result.failed} failed` +
        (result.failed > 0 ? ' (storage trouble: run the same command again later).' : '.'),
    );
  return result.failed === 0 ? 0 : 1;
}

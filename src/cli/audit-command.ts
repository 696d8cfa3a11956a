import type { Config } from '../config.js';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../core/audit/audit-types.js';
import type { Logger } from '../core/logger.js';
import { createAuditRepository } from '../infra/db/audit-repository.js';
import { openDatabase } from '../infra/db/database.js';
import { type ParsedArgs, UsageError } from './args.js';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since` as an ISO date/time or an age such as 30m, 1h, 7d. */
export function parseSince(value: string, now: number): number {
  const age = /^(\d+)([smhdw])$/.exec(value.trim());
  if (age) return now - Number(age[1]) * UNIT_MS[age[2]!]!;
  const at = Date.parse(value);
  if (Number.isNaN(at))
    throw new UsageError(
      `--since: expected an ISO date (2026-03-01T12:00Z) or an age (30m, 1h, 7d), got "${value}"`,
    );
  return at;
}

export interface AuditCommandDeps {
  config: Config;
  log: Logger;
  out: (line: string) => void;
  now?: () => number;
}

/** `atelier audit [--user U] [--action A] [--since ISO|1h|7d] [--limit N] [--json]`: newest first. */
export async function runAuditCommand(args: ParsedArgs, deps: AuditCommandDeps): Promise<number> {
  const action = args.options.get('action');
  if (action !== undefined && !AUDIT_ACTIONS.includes(action as AuditAction))
    throw new UsageError(`--action: expected one of ${AUDIT_ACTIONS.join(', ')}`);
  const limitText = args.options.get('limit') ?? '50';
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
    throw new UsageError('--limit: expected a whole number from 1 to 100000');
  const sinceText = args.options.get('since');
  const since = sinceText === undefined ? undefined : parseSince(sinceText, (deps.now ?? Date.now)());
  const user = args.options.get('user');

  const database = await openDatabase({
    url: deps.config.database.url,
    ...(deps.config.database.authToken ? { authToken: deps.config.database.authToken } : {}),
    log: deps.log,
  });
  try {
    const entries = await createAuditRepository(database.db).query({
      limit,
      ...(user ? { userId: user } : {}),
      ...(action ? { action: action as AuditAction } : {}),
      ...(since === undefined ? {} : { since }),
    });
    if (args.flags.has('json')) deps.out(JSON.stringify(entries.map(toJson), null, 2));
    else if (entries.length === 0) deps.out('No audit entries match.');
    else for (const entry of entries) deps.out(formatEntry(entry));
    return 0;
  } finally {
    database.close();
  }
}

const toJson = (e: AuditEntry) => ({ ...e, at: new Date(e.at).toISOString() });

function formatEntry(e: AuditEntry): string {
  const where = `${e.platform}:${e.workspaceId}/${e.channelId}`;
  const target = e.targetId ? ` ${e.targetId}` : '';
  const details = Object.keys(e.details).length > 0 ? ` ${JSON.stringify(e.details)}` : '';
  return `${new Date(e.at).toISOString()}  ${e.action.padEnd(8)} ${e.userId} @ ${where}${target}${details}`;
}

/** `npm run bench` options: flags and BENCH_* variables (passed in by the CLI, which reads the environment). */
import { resolve } from 'node:path';
import { type ParsedArgs, UsageError } from '../src/cli/args.js';

export const BENCH_HELP = `npm run bench [-- --only discord,slack,gallery,dashboard] [--keep]

Environment: BENCH_N (jobs per burst, default 500), BENCH_LATENCY_MS (fal time per image, default 1000),
BENCH_C (PROVIDER_CONCURRENCY, default 4), BENCH_WAITING (jobs for the memory check, default 1000),
BENCH_LOG_LEVEL (the bot's LOG_LEVEL, default info), BENCH_CPU_PROF=<dir> (V8 CPU profiles of the bot).
--keep leaves each run's folder (bot.log, database) in the system temp folder.`;

export const PARTS = ['discord', 'slack', 'gallery', 'dashboard'] as const;
export type Part = (typeof PARTS)[number];

export interface BenchOptions {
  n: number;
  latencyMs: number;
  concurrency: number;
  waiting: number;
  only: ReadonlySet<Part>;
  logLevel: string;
  cpuProfileDir: string | undefined;
  keep: boolean;
}

function whole(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`${name}: expected a whole number ≥ ${min}, got "${text}".`);
  return value;
}

export function benchOptions(args: ParsedArgs, env: Record<string, string | undefined>): BenchOptions {
  const unknown = [...args.options.keys(), ...args.flags].filter((k) => k !== 'only' && k !== 'keep');
  if (unknown.length > 0 || args.positionals.length > 0)
    throw new UsageError(
      `Unknown bench option ${[...unknown.map((k) => `--${k}`), ...args.positionals].join(', ')}.\n\n${BENCH_HELP}`,
    );
  const only = (args.options.get('only') ?? PARTS.join(','))
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const wrong = only.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (wrong.length > 0 || only.length === 0)
    throw new UsageError(
      `--only: expected discord, slack, gallery and/or dashboard, got "${args.options.get('only') ?? ''}".`,
    );
  return {
    n: whole(env, 'BENCH_N', 500, 1),
    latencyMs: whole(env, 'BENCH_LATENCY_MS', 1000, 1),
    concurrency: whole(env, 'BENCH_C', 4, 1),
    waiting: whole(env, 'BENCH_WAITING', 1000, 0),
    only: new Set(only as Part[]),
    logLevel: env.BENCH_LOG_LEVEL || 'info',
    cpuProfileDir: env.BENCH_CPU_PROF ? resolve(env.BENCH_CPU_PROF) : undefined,
    keep: args.flags.has('keep'),
  };
}

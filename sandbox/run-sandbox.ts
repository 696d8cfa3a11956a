/** `npm run sandbox [-- flags]`: starts the sandbox, prints its URL, and stops everything on Ctrl-C. */
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type ParsedArgs, UsageError } from '../src/cli/args.js';
import { createLogger } from '../src/infra/logger.js';
import { PROJECT_ROOT } from '../src/paths.js';
import type { KnobsUpdate as FalKnobsUpdate } from './fal/knobs.js';
import { type SandboxOptions, startSandbox } from './start-sandbox.js';

export const SANDBOX_HELP = `npm run sandbox -- [options]

  --port N               the page's port (default 4000; a free one when taken)
  --bot-port N           the bot's HTTP port (default 3000; a free one when taken)
  --fal-latency MS       time per image at the fal emulator (default 3000, ± --fal-spread)
  --fal-spread MS        latency spread (default 1000)
  --fal-concurrency N    images fal renders at once (default 2)
  --fal-failure-rate R   share of fal submits answered 503 (0..1)
  --fal-429-rate R       share of fal submits answered 429 (0..1)
  --fal-nsfw-rate R      share of images flagged NSFW (0..1)
  --no-discord, --no-slack   leave a platform out
  --no-limits            turn off Slack's and Discord's emulated rate limits
  --data-dir DIR         where sandbox.db and sandbox-media/ live (default ./data)
  --fresh                start with an empty sandbox database and media folder
  --log-level LEVEL      bot logs on stderr (default warn)`;

function number(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const text = args.options.get(name);
  if (text === undefined) {
    if (args.flags.has(name)) throw new UsageError(`--${name} needs a value.\n\n${SANDBOX_HELP}`);
    return undefined;
  }
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new UsageError(`--${name}: expected a number from ${min} to ${max}, got "${text}".`);
  return value;
}

const VALUE_FLAGS = [
  'port',
  'bot-port',
  'fal-latency',
  'fal-spread',
  'fal-concurrency',
  'fal-failure-rate',
  'fal-429-rate',
  'fal-nsfw-rate',
  'data-dir',
  'log-level',
];
const BARE_FLAGS = ['no-discord', 'no-slack', 'no-limits', 'fresh'];
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function sandboxOptionsFromArgs(args: ParsedArgs): Omit<SandboxOptions, 'log'> {
  const unknown = [...args.options.keys(), ...args.flags].filter(
    (name) => !VALUE_FLAGS.includes(name) && !BARE_FLAGS.includes(name),
  );
  if (unknown.length > 0 || args.positionals.length > 0)
    throw new UsageError(
      `Unknown sandbox option ${[...unknown.map((n) => `--${n}`), ...args.positionals].join(', ')}.\n\n${SANDBOX_HELP}`,
    );
  const fal: FalKnobsUpdate = {};
  const set = <K extends keyof FalKnobsUpdate>(key: K, value: FalKnobsUpdate[K] | undefined) => {
    if (value !== undefined) fal[key] = value;
  };
  set('latencyMs', number(args, 'fal-latency', 0, 600_000));
  set('latencySpreadMs', number(args, 'fal-spread', 0, 600_000));
  set('concurrency', number(args, 'fal-concurrency', 1, 1000));
  set('failureRate', number(args, 'fal-failure-rate', 0, 1));
  set('rateLimit429Rate', number(args, 'fal-429-rate', 0, 1));
  set('nsfwRate', number(args, 'fal-nsfw-rate', 0, 1));
  const port = number(args, 'port', 0, 65535);
  const botPort = number(args, 'bot-port', 0, 65535);
  const dataDir = args.options.get('data-dir');
  return {
    fal,
    ...(port !== undefined ? { port } : {}),
    ...(botPort !== undefined ? { botPort } : {}),
    ...(dataDir ? { dataDir: resolve(dataDir) } : {}),
    realisticLimits: !args.flags.has('no-limits'),
    platforms: { discord: !args.flags.has('no-discord'), slack: !args.flags.has('no-slack') },
  };
}

/** Runs until SIGINT/SIGTERM; resolves with the exit code. */
export async function runSandbox(
  args: ParsedArgs,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const options = sandboxOptionsFromArgs(args);
  const level = args.options.get('log-level') ?? 'warn';
  if (!LEVELS.includes(level)) throw new UsageError(`--log-level: expected one of ${LEVELS.join(', ')}.`);
  const log = createLogger(level, process.stderr);
  if (args.flags.has('fresh')) {
    const dir = options.dataDir ?? resolve(PROJECT_ROOT, 'data');
    await rm(resolve(dir, 'sandbox.db'), { force: true });
    await rm(resolve(dir, 'sandbox-media'), { recursive: true, force: true });
  }
  out.write('Starting the Atelier sandbox (emulated Discord, Slack and fal on 127.0.0.1)…\n');
  const sandbox = await startSandbox({ ...options, log });
  const width = Math.max(...sandbox.services().map((s) => s.name.length));
  out.write(`\n  Open ${sandbox.url}\n\n`);
  for (const service of sandbox.services()) out.write(`  ${service.name.padEnd(width)}  ${service.url}\n`);
  out.write('\nCtrl-C stops everything.\n');

  const signal = await new Promise<NodeJS.Signals>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  out.write(`\n${signal}: stopping (images in progress get a few seconds to finish)…\n`);
  const force = () => {
    out.write('Second signal: exiting now.\n');
    process.exit(1);
  };
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  await sandbox.close();
  out.write('Stopped.\n');
  return 0;
}

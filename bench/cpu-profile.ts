/**
 * Where the bot's main thread spent its CPU during a burst, from the V8 profile `node --cpu-prof` writes
 * (BENCH_CPU_PROF). Self time of each sample is put in one bucket by the code it was in. V8 stamps
 * samples with CLOCK_MONOTONIC microseconds, the clock process.hrtime reads, so the burst's window can be
 * cut out of a profile that also holds start-up.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Buckets, first match wins: what the report can name a cause by. */
const BUCKETS: ReadonlyArray<[string, RegExp]> = [
  ['idle', /^\(idle\)$/],
  ['garbage collection', /^\(garbage collector\)$/],
  [
    'database (libsql, drizzle, repositories)',
    /node_modules\/(libsql|@libsql|drizzle-orm)\/|\/src\/infra\/db\//,
  ],
  ['fal client', /node_modules\/@fal-ai\/|\/src\/infra\/fal\//],
  [
    'image work and storage (sharp, files)',
    /node_modules\/sharp\/|\/src\/infra\/storage\/|^(openFileHandle|fsync|close|writeBuffer|rename|mkdir|lstat)$/,
  ],
  ['logging (pino)', /node_modules\/(pino|@pinojs|sonic-boom|pino-std-serializers)\//],
  [
    'chat clients (discord.js, Bolt, Web API)',
    /node_modules\/(discord\.js|@discordjs|@slack|@vladfrangu|discord-api-types|axios|tsscmp|raw-body)\//,
  ],
  [
    'HTTP and sockets (fetch/undici, net, streams)',
    /node_modules\/undici\/|node:internal\/deps\/undici|node:(net|_http|http|internal\/streams|internal\/webstreams|internal\/http|internal\/url|buffer|events|zlib|internal\/stream_base_commons|internal\/util)|^(writev|writeLatin1String|writeString|writeUtf8String|internalConnect)$/,
  ],
  [
    'status fan-out (queue positions, coalescer)',
    /\/src\/(infra\/limiter|platforms\/shared)\/|\/src\/core\/generation\/(job-runner|wait-estimator)\.ts|node_modules\/bottleneck\//,
  ],
  [
    'prompt building and validation (zod)',
    /\/src\/core\/(prompt|catalog)\/|\/commands\/|node_modules\/zod\//,
  ],
  ['job pipeline (core)', /\/src\/core\//],
  ['chat adapters (rendering, routing)', /\/src\/platforms\//],
  ['web server', /\/src\/web\//],
  [
    'module loading (tsx, node)',
    /node_modules\/tsx\/|node:internal\/modules|^(compileSourceTextModule|wrapSafe)/,
  ],
  [
    'runtime (microtasks, timers, program)',
    /^\((program|root)\)$|^runMicrotasks$|node:internal\/(process|timers|async_hooks)/,
  ],
];

export function bucketOf(functionName: string, url: string): string {
  for (const [name, pattern] of BUCKETS) if (pattern.test(url) || pattern.test(functionName)) return name;
  return 'other';
}

/** Self time (ms) per bucket for samples taken between fromUs and toUs (monotonic µs). */
export function summarizeProfile(profile: CpuProfile, fromUs: number, toUs: number): Map<string, number> {
  const bucketById = new Map(
    profile.nodes.map((n) => [n.id, bucketOf(n.callFrame.functionName, n.callFrame.url)]),
  );
  const totals = new Map<string, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < fromUs || at > toUs) continue;
    const bucket = bucketById.get(profile.samples[i]!) ?? 'other';
    totals.set(bucket, (totals.get(bucket) ?? 0) + delta / 1000);
  }
  return totals;
}

/** The main thread's profile among those a process wrote (workers write their own, thread id > 0). */
export async function readMainThreadProfile(dir: string, pid: number): Promise<CpuProfile | undefined> {
  const name = (await readdir(dir)).find((f) => f.includes(`.${pid}.0.`) && f.endsWith('.cpuprofile'));
  return name ? (JSON.parse(await readFile(join(dir, name), 'utf8')) as CpuProfile) : undefined;
}

export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

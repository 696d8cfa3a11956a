import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { COMPILED_MAIN } from '../../sandbox/compiled-bot.js';
import { pickPort } from '../../sandbox/free-port.js';
import { PROJECT_ROOT } from '../../src/paths.js';

/** One parsed pino line of the bot's log. */
export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export interface BotProcessOptions {
  /**
   * The bot's environment (emulator URLs, DATABASE_URL, STORAGE_DIR…). HTTP_HOST, HTTP_PORT, OPS_HOST and
   * OPS_PORT are set by the helper; platform variables not given are set empty so a stray `.env` cannot switch them on.
   */
  env: Record<string, string>;
  /** Every run's stdout and stderr are appended here (JSON log lines), for debugging and `logs()`. */
  logFile: string;
  /** How long start() waits for the bot to answer /readyz (ops) with 200 (default 45 s, for a loaded machine). */
  startTimeoutMs?: number;
  /** Only wait for /healthz (the process is up), not /readyz (every dependency reachable). */
  waitFor?: 'healthz' | 'readyz';
  /** Extra node flags (e.g. --cpu-prof to profile the bot). */
  nodeArgs?: string[];
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** From the signal to the exit. */
  ms: number;
}

export interface BotProcess {
  /** Chosen once and kept across restarts, so the URLs given to the emulators stay valid. */
  readonly port: number;
  /** http://127.0.0.1:port */
  readonly url: string;
  /** The ops listener (/metrics, /readyz), also kept across restarts. */
  readonly opsUrl: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Spawns `node dist/src/main.js` (built by the global setup) and waits until it answers (see `waitFor`). */
  start(): Promise<void>;
  /** Sends the signal and waits for the exit (SIGKILL after `timeoutMs`, default 40 s). */
  signal(signal: NodeJS.Signals, timeoutMs?: number): Promise<ExitInfo>;
  /** SIGKILL: the crash case. */
  kill(): Promise<ExitInfo>;
  /** GET a path of the bot's public HTTP server. */
  get(path: string): Promise<{ status: number; body: unknown }>;
  /** GET a path of the bot's ops listener (/readyz, /metrics). */
  opsGet(path: string): Promise<{ status: number; body: unknown }>;
  /** Parsed log lines of every run so far (lines that are not JSON are skipped). */
  logs(): LogLine[];
  /** Polls the log until a line matches. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Kills the process if it still runs. */
  close(): Promise<void>;
}

const PLATFORM_VARS = [
  'DISCORD_TOKEN',
  'DISCORD_APP_ID',
  'DISCORD_SHARDS',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'REDIS_URL',
];

/**
 * The real bot as a separate process: dist/src/main.js on plain node, as production runs it (built by
 * test/setup/build-once.ts), with no npm or wrapper process in between, so a signal reaches the bot itself.
 * The test process keeps the emulators; the bot's data lives wherever `env` points, so a restart picks up
 * the same database and storage.
 */
export async function createBotProcess(options: BotProcessOptions): Promise<BotProcess> {
  const port = await pickPort('127.0.0.1', 0);
  const url = `http://127.0.0.1:${port}`;
  const opsPort = await pickPort('127.0.0.1', 0);
  const opsUrl = `http://127.0.0.1:${opsPort}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...Object.fromEntries(PLATFORM_VARS.map((name) => [name, ''])),
    LOG_LEVEL: 'info',
    // Its own address unless told otherwise: chat platforms that download linked media reach it there.
    PUBLIC_BASE_URL: url,
    ...options.env,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    OPS_HOST: '127.0.0.1',
    OPS_PORT: String(opsPort),
  };
  let child: ChildProcess | undefined;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  process.on('exit', killOnExit);

  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  const fetchFrom = (base: string) => async (path: string) => {
    const res = await fetch(base + path, { signal: AbortSignal.timeout(5_000) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (metrics, media): the text is the body.
    }
    return { status: res.status, body };
  };
  const get = fetchFrom(url);
  const opsGet = fetchFrom(opsUrl);

  const logs = (): LogLine[] => {
    let text = '';
    try {
      text = readFileSync(options.logFile, 'utf8');
    } catch {
      return [];
    }
    const lines: LogLine[] = [];
    for (const line of text.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        // A line cut by SIGKILL.
      }
    }
    return lines;
  };

  const tail = () =>
    logs()
      .slice(-15)
      .map((l) => `${l.msg ?? ''} ${JSON.stringify((l as { err?: unknown }).err ?? '')}`)
      .join('\n');

  async function start(): Promise<void> {
    if (running()) throw new Error('the bot process is already running');
    const fd = openSync(options.logFile, 'a');
    writeSync(fd, `--- start ${new Date().toISOString()} ---\n`);
    const spawned = spawn(process.execPath, [...(options.nodeArgs ?? []), COMPILED_MAIN], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    child = spawned;
    exited = once(spawned, 'exit').then(([code, signal]) => ({
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
    }));
    const path = options.waitFor === 'healthz' ? '/healthz' : '/readyz';
    const probe = options.waitFor === 'healthz' ? get : opsGet;
    const deadline = Date.now() + (options.startTimeoutMs ?? 45_000);
    for (;;) {
      if (!running()) throw new Error(`the bot exited during start-up (${spawned.exitCode}):\n${tail()}`);
      const answer = await probe(path).catch(() => undefined);
      if (answer?.status === 200) return;
      if (Date.now() > deadline)
        throw new Error(`the bot did not answer ${path} within the time allowed:\n${tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function signal(name: NodeJS.Signals, timeoutMs = 40_000): Promise<ExitInfo> {
    if (!child || !exited) throw new Error('the bot process was never started');
    const at = Date.now();
    if (running()) child.kill(name);
    const guard = setTimeout(() => child?.kill('SIGKILL'), timeoutMs);
    try {
      const result = await exited;
      return { ...result, ms: Date.now() - at };
    } finally {
      clearTimeout(guard);
    }
  }

  return {
    port,
    url,
    opsUrl,
    get pid() {
      return child?.pid;
    },
    get running() {
      return running();
    },
    start,
    signal,
    kill: () => signal('SIGKILL'),
    get,
    opsGet,
    logs,
    async waitForLog(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = logs().find(match);
        if (line) return line;
        if (Date.now() > deadline) throw new Error(`no matching log line within ${timeoutMs} ms:\n${tail()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      if (running()) await signal('SIGKILL');
      process.off('exit', killOnExit);
    },
  };
}

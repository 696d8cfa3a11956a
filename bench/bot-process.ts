/**
 * The real bot (`node --import tsx src/main.ts`) as a child process, so its CPU time and memory can be
 * read from /proc apart from the emulators and the load generator, which run in the bench process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import { clockTicksPerSecond, type MemoryKb, readCpuMs, readMemory } from './proc-stats.js';

export interface BotProcessOptions {
  /** The bot's whole environment (nothing is inherited but PATH and HOME). */
  env: Record<string, string>;
  /** Working directory (no .env there) and where bot.log goes. */
  runDir: string;
  /** The bot's ops listener, http://host:port, for /readyz. */
  opsUrl: string;
  /** Write a V8 CPU profile (.cpuprofile) of the bot into this folder when it exits. */
  cpuProfileDir?: string;
  /** Run this compiled main.js with plain node instead of src/main.ts through tsx. */
  compiledMain?: string;
}

export interface BotProcess {
  readonly pid: number;
  readonly logFile: string;
  /** Resolves once /readyz answers 200 (database, storage, scheduler, chat clients). */
  ready(timeoutMs?: number): Promise<void>;
  cpuMs(): number;
  memory(): MemoryKb;
  /** SIGTERM (graceful drain) or SIGKILL; resolves with the exit code or signal once it is gone. */
  stop(signal?: 'SIGTERM' | 'SIGKILL', timeoutMs?: number): Promise<string>;
}

export function startBotProcess(options: BotProcessOptions): BotProcess {
  const logFile = join(options.runDir, 'bot.log');
  const fd = openSync(logFile, 'a');
  const args = [
    ...(options.compiledMain ? [] : ['--import', import.meta.resolve('tsx')]),
    ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    options.compiledMain ?? resolve(PROJECT_ROOT, 'src/main.ts'),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: options.runDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    // The log goes straight to a file: a pipe would make the bench process do the bot's I/O.
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the bot process');
  const exited = new Promise<string>((done) => {
    child.once('exit', (code, signal) => done(signal ?? `exit ${code}`));
  });
  let gone: string | undefined;
  void exited.then((how) => {
    gone = how;
  });
  const ticks = clockTicksPerSecond();

  return {
    pid,
    logFile,
    async ready(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (gone) throw new Error(`the bot exited during start-up (${gone}); see ${logFile}`);
        const ok = await fetch(`${options.opsUrl}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        if (Date.now() > deadline)
          throw new Error(`the bot was not ready within ${timeoutMs} ms; see ${logFile}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    cpuMs: () => readCpuMs(pid, ticks),
    memory: () => readMemory(pid),
    async stop(signal = 'SIGTERM', timeoutMs = 60_000) {
      if (gone) return gone;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

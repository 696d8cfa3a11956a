/**
 * The bot as production runs it: compiled JavaScript on plain node (`npm run build`), not TypeScript
 * through tsx (tsx's loader alone costs ~35 MB and compiles every module at start-up). Shared by the bench
 * and the test suite's global setup: a missing or stale build (a source newer than it) is rebuilt first.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';

export const COMPILED_MAIN = resolve(PROJECT_ROOT, 'dist/src/main.js');
export const COMPILED_CLI = resolve(PROJECT_ROOT, 'dist/src/cli.js');
const SOURCES = ['src', 'commands'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

async function newestSourceMs(): Promise<number> {
  let newest = 0;
  for (const dir of SOURCES) {
    for (const name of await readdir(resolve(PROJECT_ROOT, dir), { recursive: true })) {
      if (!name.endsWith('.ts')) continue;
      newest = Math.max(newest, (await stat(join(PROJECT_ROOT, dir, name))).mtimeMs);
    }
  }
  for (const file of CONFIGS) newest = Math.max(newest, (await stat(resolve(PROJECT_ROOT, file))).mtimeMs);
  return newest;
}

/** True when dist/ holds a build at least as new as every source file. */
export async function isBuildFresh(): Promise<boolean> {
  if (!existsSync(COMPILED_MAIN) || !existsSync(COMPILED_CLI)) return false;
  return (await stat(COMPILED_MAIN)).mtimeMs >= (await newestSourceMs());
}

/** `npm run build`; resolves with its exit code (output goes to `log`). */
function runBuild(log: NodeJS.WritableStream): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, stdio: 'pipe' });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.once('error', fail);
    child.once('exit', (code) => done(code ?? 1));
  });
}

/**
 * Builds when dist/ is missing or stale; resolves with what happened. tsc still emits on type errors, so
 * a build with errors that produced fresh output is usable ('built-with-errors'); 'failed' means no fresh output.
 */
export async function buildIfStale(
  log: NodeJS.WritableStream,
): Promise<'fresh' | 'built' | 'built-with-errors' | 'failed'> {
  if (await isBuildFresh()) return 'fresh';
  const code = await runBuild(log);
  if (!(await isBuildFresh())) return 'failed';
  return code === 0 ? 'built' : 'built-with-errors';
}

/** The compiled bot's entry, built first when needed; undefined (run through tsx) when nothing was built. */
export async function ensureCompiledBot(
  progress: (line: string) => void,
  log: NodeJS.WritableStream,
): Promise<string | undefined> {
  if (await isBuildFresh()) return COMPILED_MAIN;
  progress('compiling the bot (npm run build)');
  const outcome = await buildIfStale(log);
  if (outcome === 'failed') {
    progress('npm run build failed; the bot runs through tsx instead');
    return undefined;
  }
  // tsx would run the very same code without checking.
  if (outcome === 'built-with-errors')
    progress('npm run build reported type errors; running its output anyway');
  return COMPILED_MAIN;
}

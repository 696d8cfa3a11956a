/**
 * The bench runs the bot as production should: compiled JavaScript on plain node (`npm run build`), not
 * TypeScript through tsx (tsx's loader alone costs ~35 MB and compiles every module at start-up).
 * A missing or stale build (a .ts file newer than it) is rebuilt first.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';

export const COMPILED_MAIN = resolve(PROJECT_ROOT, 'dist/src/main.js');
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
  if (!existsSync(COMPILED_MAIN)) return false;
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

/** The compiled bot's entry, built first when needed; undefined (run through tsx) when nothing was built. */
export async function ensureCompiledBot(
  progress: (line: string) => void,
  log: NodeJS.WritableStream,
): Promise<string | undefined> {
  if (await isBuildFresh()) return COMPILED_MAIN;
  progress('compiling the bot (npm run build)');
  const code = await runBuild(log);
  if (!(await isBuildFresh())) {
    progress(`npm run build failed (exit ${code}); the bot runs through tsx instead`);
    return undefined;
  }
  // tsc still emits on type errors, and tsx would run the very same code without checking.
  if (code !== 0) progress(`npm run build reported type errors (exit ${code}); running its output anyway`);
  return COMPILED_MAIN;
}

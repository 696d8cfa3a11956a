import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../../src/paths.js';

const FIXTURE = fileURLToPath(new URL('./crash.fixture.ts', import.meta.url));

it('an unhandled rejection still ends the process, and first leaves a fatal line in the JSON log', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, 'marker-42'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = await once(child, 'exit');
  expect(code).toBe(1);
  const lines = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
  expect(lines).toContainEqual(
    expect.objectContaining({
      level: 60,
      msg: 'crashed: exiting; unfinished jobs resume on the next start',
      origin: 'unhandledRejection',
      err: expect.objectContaining({ message: 'nobody handles this (marker-42)' }),
    }),
  );
  // Node's own report is unchanged.
  expect(stderr).toContain('nobody handles this (marker-42)');
}, 30_000);

import { PassThrough } from 'node:stream';
import { buildIfStale } from '../../sandbox/compiled-bot.js';

/**
 * Vitest global setup: the tests that start the bot or the CLI as a process run the compiled JavaScript
 * (dist/, as production does) on plain node, so dist/ is built here once when it is missing or older than
 * the sources (~11 s), before any test file starts.
 */
export default async function setup(): Promise<void> {
  const output: Buffer[] = [];
  const log = new PassThrough();
  log.on('data', (chunk: Buffer) => output.push(chunk));
  const outcome = await buildIfStale(log);
  if (outcome === 'failed')
    throw new Error(`npm run build produced no fresh dist/:\n${Buffer.concat(output).toString()}`);
  // Type errors are for `npm run typecheck` to report; tsc emitted the code anyway.
  if (outcome === 'built-with-errors')
    process.stderr.write('[build-once] npm run build reported type errors\n');
}

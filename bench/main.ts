/** `npm run bench [-- --only discord,slack,gallery,dashboard]`: the benchmarks' entry (a table on stderr, then one JSON line). */
import { parseArgs, UsageError } from '../src/cli/args.js';
import { runBench } from './run-bench.js';

runBench(parseArgs(process.argv.slice(2)), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof UsageError ? error.message : error);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);

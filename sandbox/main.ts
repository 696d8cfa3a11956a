/** `npm run sandbox [-- flags]`: the sandbox's entry. It lives beside the product, never inside it (src/ imports nothing from here). */
import { parseArgs, UsageError } from '../src/cli/args.js';
import { runSandbox, SANDBOX_HELP } from './run-sandbox.js';

const args = parseArgs(process.argv.slice(2));
if (args.flags.has('help') || args.flags.has('h')) {
  console.log(SANDBOX_HELP);
} else {
  runSandbox(args).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof UsageError ? error.message : error);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    },
  );
}

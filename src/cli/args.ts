/** `--key value`, `--key=value` and bare `--flag`; dimension names are dynamic, so no fixed option list. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

const BOOLEAN_FLAGS = new Set(['json', 'help', 'h', 'dry-run', 'force', 'wait', 'no-wait']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      parsed.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      parsed.positionals.push(arg);
      continue;
    }
    const body = arg.slice(2);
    const eq = body.indexOf('=');
    if (eq >= 0) {
      parsed.options.set(body.slice(0, eq), body.slice(eq + 1));
    } else if (BOOLEAN_FLAGS.has(body) || i + 1 >= argv.length || argv[i + 1]!.startsWith('--')) {
      parsed.flags.add(body);
    } else {
      parsed.options.set(body, argv[++i]!);
    }
  }
  return parsed;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

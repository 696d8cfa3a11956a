import { parseArgs as parseTokens } from 'node:util';

/** `--key value`, `--key=value` and bare `--flag`; dimension names are dynamic, so no fixed option list. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

const BOOLEAN_FLAGS = new Set(['json', 'help', 'h', 'dry-run', 'force', 'wait', 'no-wait']);

/**
 * node:util splits the arguments (`--k=v`, `--`, `-h`); with no option list it cannot know that
 * `--style comic` takes a value, so a long option takes the next argument unless it is a known flag or
 * the next one is an option itself.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const args = [...argv];
  const { tokens } = parseTokens({ args, strict: false, allowPositionals: true, tokens: true });
  const parsed: ParsedArgs = { positionals: [], options: new Map(), flags: new Set() };
  let taken = -1; // the argument the previous option took as its value
  for (const token of tokens) {
    if (token.index === taken || token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      parsed.positionals.push(token.value);
      continue;
    }
    const next = args[token.index + 1];
    if (token.value !== undefined) parsed.options.set(token.name, token.value);
    else if (
      token.rawName.startsWith('--') &&
      !BOOLEAN_FLAGS.has(token.name) &&
      next !== undefined &&
      !next.startsWith('--')
    ) {
      parsed.options.set(token.name, next);
      taken = token.index + 1;
    } else parsed.flags.add(token.name);
  }
  return parsed;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

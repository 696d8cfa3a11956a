import {
  type LeafOptionSpec,
  type OptionSpec,
  SUBCOMMAND,
  type SubcommandSpec,
} from '../../../commands/define.js';
import { UserError } from '../../core/errors.js';
import { suggest } from '../../core/prompt/suggest.js';
import { unescapeMrkdwn } from './blocks/mrkdwn.js';

/** The option that takes the words that are not `name:value` pairs (the extra prompt of /generate). */
const FREE_TEXT_OPTION = 'prompt';
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const PAIR = /^([a-z][\w-]*)[:=](.*)$/is;

/** Splits on whitespace, keeping "double quoted" (or “curly quoted”) runs together. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /(?:[^\s"“”]+|"[^"]*"?|“[^”]*”?)+/g;
  for (const match of text.matchAll(re)) tokens.push(match[0]);
  return tokens;
}

const unquote = (value: string) => value.replace(/^["“]|["”]$/g, '');

/**
 * Turns slash-command text into raw option values for `parseOptions`: `style:comic-book pose:waving a red
 * scarf` → { style, pose, prompt: 'a red scarf' }. Pairs use the command's option names (`name:value`,
 * `name=value`, `name:"two words"`); a user mention fills a `user` option; other words are the free text.
 * A command with subcommands takes the subcommand first (`ban @ravi spamming`), then its options, by name
 * or in order (the last text option takes the remaining words). Slack sends &, < and > escaped; they are
 * unescaped here.
 */
export function parseCommandText(specs: readonly OptionSpec[], text: string): Record<string, string> {
  const subcommands = specs.filter((s): s is SubcommandSpec => s.kind === 'subcommand');
  const leaves = specs.filter((s): s is LeafOptionSpec => s.kind !== 'subcommand');
  if (subcommands.length === 0) return parseOptionText(leaves, text, false);
  const [, word = '', rest = ''] = /^\s*(\S*)\s*([\s\S]*)$/.exec(text) ?? [];
  const names = subcommands.map((s) => s.name);
  const sub = subcommands.find((s) => s.name === word.toLowerCase());
  if (!sub) {
    const typo = word ? suggest(word, subcommands, (s) => [s.name]) : undefined;
    const said = word ? `Unknown subcommand "${word.slice(0, 40)}". ` : '';
    throw new UserError(
      'invalid_input',
      `${said}${typo ? `Did you mean "${typo.name}"?` : `Start with one of: ${names.join(', ')}.`}`,
      { allowed: names, ...(typo ? { suggestion: typo.name } : {}) },
    );
  }
  return { [SUBCOMMAND]: sub.name, ...parseOptionText(sub.options, rest, true) };
}

function parseOptionText(
  specs: readonly LeafOptionSpec[],
  text: string,
  positional: boolean,
): Record<string, string> {
  const byName = new Map(specs.map((s) => [s.name.toLowerCase(), s] as const));
  const userOption = specs.find((s) => s.kind === 'user');
  const raw: Record<string, string> = {};
  const free: string[] = [];
  const set = (name: string, value: string) => {
    if (raw[name] !== undefined && raw[name] !== value)
      throw new UserError('invalid_input', `${name} was given twice ("${raw[name]}" and "${value}").`, {
        field: name,
      });
    raw[name] = value;
  };
  const tokens = tokenize(text.trim());
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const pair = PAIR.exec(token);
    const spec = pair ? byName.get(pair[1]!.toLowerCase()) : undefined;
    if (pair && spec) {
      let value = pair[2]!;
      // `style: comic-book` (a space after the colon) takes the next word.
      if (value === '' && i + 1 < tokens.length) value = tokens[++i]!;
      value = unescapeMrkdwn(unquote(value)).trim();
      set(spec.name, spec.kind === 'user' ? userIdOf(value) : value);
      continue;
    }
    // `colour:red` is most likely a mistyped option name, not words for the prompt.
    const typo = pair && pair[2] !== '' ? suggest(pair[1]!, specs, (s) => [s.name]) : undefined;
    if (typo)
      throw new UserError('invalid_input', `Unknown option "${pair![1]}". Did you mean "${typo.name}"?`, {
        allowed: specs.map((s) => s.name),
        suggestion: typo.name,
      });
    const mention = MENTION.exec(token);
    if (mention && userOption) {
      set(userOption.name, mention[1]!);
      continue;
    }
    free.push(unescapeMrkdwn(unquote(token)));
  }
  if (positional) fillInOrder(specs, raw, free);
  if (free.length > 0) {
    if (!byName.has(FREE_TEXT_OPTION)) {
      const names = specs.map((s) => `${s.name}:…`).join(' ');
      throw new UserError(
        'invalid_input',
        `I did not understand "${free.join(' ').slice(0, 60)}". ${names ? `Use name:value pairs: ${names}` : 'This command takes no text.'}`,
      );
    }
    raw[FREE_TEXT_OPTION] = [raw[FREE_TEXT_OPTION], ...free].filter(Boolean).join(' ');
  }
  return raw;
}

/** Words without a name fill the options not given yet, in order; the last text option takes the rest. */
function fillInOrder(specs: readonly LeafOptionSpec[], raw: Record<string, string>, free: string[]): void {
  const open = specs.filter((s) => raw[s.name] === undefined);
  for (const [i, spec] of open.entries()) {
    if (free.length === 0) return;
    const last = i === open.length - 1;
    const words = last && spec.kind === 'string' ? free.splice(0) : free.splice(0, 1);
    const value = words.join(' ').trim();
    raw[spec.name] = spec.kind === 'user' ? userIdOf(value) : value;
  }
}

/** `<@U123|ravi>` (Slack's escaped mention), `@U123` or `U123` → U123. */
const userIdOf = (value: string): string => MENTION.exec(value)?.[1] ?? value.replace(/^@/, '');

/** `style:… pose:… [extra details]`, or `stats | usage [period] | …`, for the manifest's usage hints. */
export function usageHint(specs: readonly OptionSpec[]): string {
  return specs
    .map((s) =>
      s.kind === 'subcommand'
        ? [s.name, ...s.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`))].join(' ')
        : s.name === FREE_TEXT_OPTION
          ? '[extra details]'
          : `${s.name}:…`,
    )
    .join(specs.some((s) => s.kind === 'subcommand') ? ' | ' : ' ')
    .slice(0, 1000);
}

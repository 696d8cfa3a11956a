import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';

const parsed = (argv: string[]) => {
  const { positionals, options, flags } = parseArgs(argv);
  return { positionals, options: Object.fromEntries(options), flags: [...flags] };
};

describe('CLI arguments', () => {
  it('reads dynamic `--name value` and `--name=value` options beside positionals', () => {
    expect(parsed(['prompt', '--style', 'comic', '--extra=a cat', 'more'])).toEqual({
      positionals: ['prompt', 'more'],
      options: { style: 'comic', extra: 'a cat' },
      flags: [],
    });
  });

  it('makes a bare --name a flag: a known flag, the last argument, or one followed by another --option', () => {
    expect(parsed(['--json', 'x', '--port', '--fresh'])).toEqual({
      positionals: ['x'],
      options: {},
      flags: ['json', 'port', 'fresh'],
    });
  });

  it('takes a value that starts with a single dash, and nothing after `--` as an option', () => {
    expect(parsed(['--seed', '-5', '--since', '-1h', '--', '--not-an-option'])).toEqual({
      positionals: ['--not-an-option'],
      options: { seed: '-5', since: '-1h' },
      flags: [],
    });
  });

  it('keeps an empty value, and reads short flags such as -h', () => {
    expect(parsed(['--extra', '', '-h'])).toEqual({ positionals: [], options: { extra: '' }, flags: ['h'] });
  });
});

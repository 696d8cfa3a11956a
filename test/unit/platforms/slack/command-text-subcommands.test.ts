import { describe, expect, it } from 'vitest';
import { atelierCommand } from '../../../../commands/atelier.js';
import { loadCatalogs } from '../../../../src/core/catalog/load-catalogs.js';
import { parseCommandText, usageHint } from '../../../../src/platforms/slack/command-text.js';
import { thrownUserError } from '../../../helpers/user-error.js';

const catalogs = await loadCatalogs();
const specs = atelierCommand.options(catalogs);
const parse = (text: string) => parseCommandText(specs, text);
const input = (text: string) => atelierCommand.parse(parse(text), catalogs);

describe('Slack /atelier text: subcommand first, then its options by name or in order', () => {
  it('reads bare subcommands and positional values', () => {
    expect(parse('stats')).toEqual({ subcommand: 'stats' });
    expect(parse('  USAGE   month ')).toEqual({ subcommand: 'usage', period: 'month' });
    expect(parse('quota user-hourly 3')).toEqual({ subcommand: 'quota', limit: 'user-hourly', value: '3' });
    expect(parse('quota value:default limit:in-flight')).toEqual({
      subcommand: 'quota',
      limit: 'in-flight',
      value: 'default',
    });
  });

  it('takes a mention for the user and the remaining words as the reason', () => {
    expect(parse('ban <@U0RAVI0001|ravi> spamming &amp; flooding the channel')).toEqual({
      subcommand: 'ban',
      user: 'U0RAVI0001',
      reason: 'spamming & flooding the channel',
    });
    expect(parse('ban spam <@U0RAVI0001>')).toEqual({
      subcommand: 'ban',
      user: 'U0RAVI0001',
      reason: 'spam',
    });
    expect(parse('unban @U0RAVI0001')).toEqual({ subcommand: 'unban', user: 'U0RAVI0001' });
    expect(parse('purge user:<@U0RAVI0001>')).toEqual({ subcommand: 'purge', user: 'U0RAVI0001' });
  });

  it('gives the schema typed settings: default is null, dollars become micro-dollars', () => {
    expect(input('quota workspace-daily default')).toEqual({
      subcommand: 'quota',
      limit: 'workspace-daily',
      value: null,
    });
    expect(input('quota user-daily 0')).toMatchObject({ value: 0 });
    expect(input('budget monthly $7.50')).toEqual({
      subcommand: 'budget',
      period: 'monthly',
      micros: 7_500_000,
    });
    expect(input('usage')).toEqual({ subcommand: 'usage', period: 'today' });
    expect(input('ban <@U0RAVI0001>')).toEqual({ subcommand: 'ban', user: 'U0RAVI0001', reason: '' });
  });

  it('says what to type when the subcommand is missing, mistyped or given extra words', () => {
    expect(thrownUserError(() => parse('')).message).toBe(
      'Start with one of: stats, usage, limits, quota, budget, pause, resume, ban, unban, purge.',
    );
    expect(thrownUserError(() => parse('stast')).message).toBe(
      'Unknown subcommand "stast". Did you mean "stats"?',
    );
    expect(thrownUserError(() => parse('pause now')).message).toMatch(/^I did not understand "now"\./);
    expect(thrownUserError(() => input('quota user-hourly lots')).message).toMatch(
      /^Invalid \/atelier: value: expected a whole number of images/,
    );
    expect(thrownUserError(() => input('budget weekly 5')).message).toMatch(/^Invalid \/atelier: period:/);
  });

  it('lists the subcommands in the manifest usage hint', () => {
    const hint = usageHint(specs);
    expect(hint).toContain('stats | usage [period] | limits | quota <limit> <value>');
    expect(hint).toContain('ban <user> [reason] | unban <user> | purge <user>');
  });
});

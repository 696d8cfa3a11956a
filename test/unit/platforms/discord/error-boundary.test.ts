import { Writable } from 'node:stream';
import { DiscordAPIError } from 'discord.js';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors.js';
import { describeFailure } from '../../../../src/platforms/discord/error-boundary.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

const flushed = () => new Promise((r) => setImmediate(r));

describe('the Discord error boundary', () => {
  it('shows a UserError as it is (it names the allowed values)', () => {
    const { log, lines } = capture();
    const error = new UserError(
      'unknown_option',
      'Unknown pose "wavy". Did you mean "waving"? Allowed: waving, flexing.',
    );
    expect(describeFailure(error, log, {})).toBe(error.message);
    expect(lines).toEqual([]);
  });

  it('hides anything else behind a reference that finds the log line with its cause', async () => {
    const { log, lines } = capture();
    const text = describeFailure(new Error('SQLITE_BUSY: secret internals'), log, { interactionId: '9' });
    const reference = /reference ([0-9A-F]{8})/.exec(text)?.[1];
    expect(reference).toBeDefined();
    expect(text).not.toContain('SQLITE');
    await flushed();
    expect(lines[0]).toMatchObject({
      level: 50,
      reference,
      interactionId: '9',
      err: { message: 'SQLITE_BUSY: secret internals' },
    });
  });

  it('explains a missing permission', () => {
    const { log } = capture();
    const error = new DiscordAPIError(
      { code: 50013, message: 'Missing Permissions' },
      50013,
      403,
      'POST',
      '/x',
      {},
    );
    expect(describeFailure(error, log, {})).toMatch(/missing a permission/);
  });
});

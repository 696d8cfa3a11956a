import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { pickPort } from '../../../sandbox/free-port.js';
import { sandboxOptionsFromArgs } from '../../../sandbox/run-sandbox.js';
import { parseArgs, UsageError } from '../../../src/cli/args.js';

const options = (argv: string[]) => sandboxOptionsFromArgs(parseArgs(argv));

describe('sandbox flags', () => {
  it('turns flags into fal knobs, ports and platforms', () => {
    expect(
      options([
        '--port',
        '0',
        '--fal-latency',
        '500',
        '--fal-failure-rate',
        '0.25',
        '--fal-429-rate=0.1',
        '--no-slack',
      ]),
    ).toMatchObject({
      port: 0,
      fal: { latencyMs: 500, failureRate: 0.25, rateLimit429Rate: 0.1 },
      platforms: { discord: true, slack: false },
      realisticLimits: true,
    });
    expect(options([])).toMatchObject({ fal: {}, platforms: { discord: true, slack: true } });
    expect(options([])).not.toHaveProperty('port');
  });

  it('refuses unknown flags, values out of range and missing values, naming them', () => {
    expect(() => options(['--fal-latncy', '5'])).toThrow(/Unknown sandbox option --fal-latncy/);
    expect(() => options(['--fal-failure-rate', '2'])).toThrow(
      /--fal-failure-rate: expected a number from 0 to 1/,
    );
    expect(() => options(['--port'])).toThrow(UsageError);
  });
});

describe('pickPort', () => {
  it('takes the preferred port when free and another one when it is taken', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    const taken = (holder.address() as { port: number }).port;
    try {
      const other = await pickPort('127.0.0.1', taken);
      expect(other).not.toBe(taken);
      expect(other).toBeGreaterThan(0);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
    expect(await pickPort('127.0.0.1', taken)).toBe(taken);
  });
});

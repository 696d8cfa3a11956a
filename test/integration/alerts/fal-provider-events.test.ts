import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import type { FalProviderEvent } from '../../../src/infra/fal/provider-events.js';
import { caught, createTestProvider, input, PRIMARY } from '../fal/provider-fixture.js';

/** The fal provider's event hook (what alerts listen to), against the fal emulator. */
describe('fal provider events', () => {
  let emu: FalEmulator;
  beforeAll(async () => {
    emu = await startFalEmulator({ knobs: { latencyMs: 10 } });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('reports every 429 answer to a submit, per model', async () => {
    emu.reset();
    const fal = createTestProvider(emu.url, { retry: { submit: { attempts: 3, baseMs: 1, capMs: 2 } } });
    const events: FalProviderEvent[] = [];
    const off = fal.onEvent((e) => events.push(e));
    emu.setKnobs({ rateLimit429Rate: 1 });
    await caught(fal.submit(input()));
    expect(events).toEqual(Array(3).fill({ kind: 'rate_limited', model: PRIMARY }));
    off();
    await caught(fal.submit(input()));
    expect(events).toHaveLength(3);
    fal.close();
  });

  it('reports circuit changes: open after a 5xx burst, half-open after the pause, closed on success', async () => {
    emu.reset();
    const fal = createTestProvider(emu.url, {
      retry: { submit: { attempts: 1, baseMs: 1, capMs: 1 } },
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 200 },
    });
    const events: FalProviderEvent[] = [];
    fal.onEvent((e) => events.push(e));
    // A listener that throws is logged; the provider carries on.
    fal.onEvent(() => {
      throw new Error('listener bug');
    });
    emu.setKnobs({ failNextSubmits: 3, failureStatus: 502 });
    for (let i = 0; i < 3; i++) await caught(fal.submit(input()));
    expect(events).toEqual([{ kind: 'circuit', model: PRIMARY, state: 'open' }]);
    await new Promise((r) => setTimeout(r, 300));
    await fal.submit(input());
    expect(events.slice(1)).toEqual([
      { kind: 'circuit', model: PRIMARY, state: 'halfOpen' },
      { kind: 'circuit', model: PRIMARY, state: 'closed' },
    ]);
    fal.close();
  });
});

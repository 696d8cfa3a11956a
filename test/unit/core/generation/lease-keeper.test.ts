import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLeaseKeeper } from '../../../../src/core/generation/lease-keeper.js';
import type { Generation, GenerationRepository } from '../../../../src/core/types.js';
import { manualClock } from '../../../helpers/manual-clock.js';

describe('lease keeper on fake time', () => {
  it('renews every ttl/3 and takes over abandoned jobs on its sweeps, and stops when halted', async () => {
    const { clock, advance, pending } = manualClock();
    let renewals = 0;
    const sweeps: boolean[] = [];
    const abandoned = [{ id: 'g1' }] as Generation[];
    const generations = {
      leases: {
        ttlMs: 30_000,
        claim: async ({ includeOwn }: { includeOwn: boolean }) => {
          sweeps.push(includeOwn);
          return abandoned.splice(0);
        },
        renew: async () => {
          renewals++;
        },
        release: async () => {},
      },
    } as unknown as GenerationRepository;
    const taken: string[] = [];
    const keeper = createLeaseKeeper(generations, clock, pino({ level: 'silent' }), (jobs) =>
      taken.push(...jobs.map((j) => j.id)),
    );
    keeper.start();
    await advance(5_000);
    expect({ renewals, sweeps: sweeps.length, taken }).toEqual({ renewals: 0, sweeps: 1, taken: ['g1'] });
    await advance(25_000);
    expect({ renewals, sweeps: sweeps.length }).toEqual({ renewals: 3, sweeps: 6 });
    expect(sweeps.every((own) => own === false)).toBe(true);
    keeper.halt();
    await advance(60_000);
    expect({ renewals, sweeps: sweeps.length }).toEqual({ renewals: 3, sweeps: 6 });
    expect(pending()).toBe(0);
  });
});

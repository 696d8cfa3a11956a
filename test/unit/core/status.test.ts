import { describe, expect, it } from 'vitest';
import { isMeaningfulChange, type JobUpdate } from '../../../src/core/status.js';

const queued = (position: number): JobUpdate => ({ kind: 'queued', position, etaMs: 1000 * position });
const generating = (progress: number | null): JobUpdate => ({ kind: 'generating', progress });

describe('isMeaningfulChange (which status updates earn a chat edit)', () => {
  it('shows the place in line once: later moves in the queue are not worth an edit', () => {
    expect(isMeaningfulChange(undefined, queued(412))).toBe(true);
    expect(isMeaningfulChange(queued(412), queued(206))).toBe(false);
    expect(isMeaningfulChange(queued(3), queued(1))).toBe(false);
  });

  it('always shows a change of state', () => {
    expect(isMeaningfulChange(queued(5), generating(null))).toBe(true);
    expect(isMeaningfulChange(queued(5), generating(null))).toBe(true);
    expect(isMeaningfulChange(generating(0.5), { kind: 'storing' })).toBe(true);
    expect(isMeaningfulChange(generating(0.5), { kind: 'done', reused: false })).toBe(true);
  });

  it('shows the hand-over to the provider only when the job waits in its queue', () => {
    expect(isMeaningfulChange(undefined, { kind: 'submitted', providerPosition: null })).toBe(true);
    expect(isMeaningfulChange(queued(1), { kind: 'submitted', providerPosition: null })).toBe(false);
    expect(isMeaningfulChange(queued(1), { kind: 'submitted', providerPosition: 0 })).toBe(false);
    expect(isMeaningfulChange(queued(1), { kind: 'submitted', providerPosition: 3 })).toBe(true);
    expect(
      isMeaningfulChange(
        { kind: 'submitted', providerPosition: 3 },
        { kind: 'submitted', providerPosition: 2 },
      ),
    ).toBe(false);
  });

  it('shows progress in steps of at least 20 %', () => {
    expect(isMeaningfulChange(generating(0.25), generating(0.3))).toBe(false);
    expect(isMeaningfulChange(generating(0.25), generating(0.5))).toBe(true);
    expect(isMeaningfulChange(generating(0.9), generating(1))).toBe(true);
  });
});

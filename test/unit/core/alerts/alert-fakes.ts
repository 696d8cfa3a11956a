import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { AlertClaims, BudgetReader } from '../../../../src/core/alerts/alert-types.js';
import type { Clock } from '../../../../src/core/ports.js';
import type { JobUpdate, StatusEvent } from '../../../../src/core/status.js';
import type { Generation } from '../../../../src/core/types.js';
import { contractGeneration } from '../../../contract/render-contract.js';

/** A clock the test moves by hand. */
export function fakeClock(start: number) {
  let now = start;
  const clock: Clock = { now: () => now, sleep: async () => {} };
  return {
    clock,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** The alert_state semantics (claim unless sent within the window) over a Map; shareable by monitors. */
export function memoryClaims(): AlertClaims & { rows: Map<string, number> } {
  const rows = new Map<string, number>();
  return {
    rows,
    async claim(key, now, windowMs) {
      const last = rows.get(key);
      if (last !== undefined && last > now - windowMs) return false;
      rows.set(key, now);
      return true;
    },
  };
}

/**
 * Budgets the test sets and spend it moves. The monitor asks for spend since the start of the day and
 * since the start of the month: a `since` on the 1st is the month's (tests stay off the 1st).
 */
export function fakeBudgets(limits: { dailyMicros: number; monthlyMicros: number }) {
  const spend = { daily: 0, monthly: 0 };
  const reader: BudgetReader = {
    budgets: async () => limits,
    spendMicros: async (_platform, _workspace, since) =>
      new Date(since).getUTCDate() === 1 ? spend.monthly : spend.daily,
  };
  return { spend, reader };
}

/** Log lines a pino logger wrote, parsed. */
export function captureLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

let seq = 0;
export function generation(over: Partial<Generation> = {}): Generation {
  seq++;
  // The shared full record, with the values these tests read (workspace, model, status, cost, time).
  return contractGeneration({
    id: `gen-${seq}`,
    createdAt: 0,
    updatedAt: 0,
    platform: 'discord',
    workspaceId: 'G1',
    channelId: 'C1',
    userId: 'U1',
    model: 'fal-ai/flux/schnell',
    status: 'done',
    statusDetail: null,
    errorClass: null,
    errorMessage: null,
    costMicros: 3_000,
    ...over,
  });
}

export const done = (over: Partial<Generation> = {}): StatusEvent => ({
  generation: generation(over),
  update: { kind: 'done', reused: false },
  at: 0,
});

export const failed = (errorClass: 'retryable' | 'fatal' | 'user' = 'retryable'): StatusEvent => {
  const update: JobUpdate = { kind: 'failed', errorClass, message: 'x', retryable: true, reference: 'R' };
  return { generation: generation({ status: 'failed', costMicros: 0 }), update, at: 0 };
};

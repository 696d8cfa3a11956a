import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createJobMessageMachine } from '../../../../src/platforms/shared/job-message-machine.js';
import { slackHarness } from '../../../contract/job-messages/slack-harness.js';

describe('Slack job messages', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('takes over a posted message whose answer was lost instead of posting the job twice', async () => {
    const h = slackHarness();
    const recorded: string[] = [];
    const machine = createJobMessageMachine({
      port: h.port,
      jobs: {
        attachMessage: async (_id, messageId) => {
          recorded.push(messageId);
        },
        finalShown: () => {},
      },
      log: pino({ level: 'silent' }),
      clock: { now: () => Date.now() },
      settleMs: 0,
    });
    const g = h.placedIn('C1');
    h.loseNextPostAnswer();
    machine.onStatus({ generation: g, update: { kind: 'queued', position: 1, etaMs: null }, at: 0 });
    // The coalescer tries the failed send again after a second.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.messages).toHaveLength(1);
    expect(recorded).toEqual([`C1:${h.messages[0]?.id}`]);
    machine.onStatus({ generation: g, update: { kind: 'generating', progress: 0.5 }, at: 0 });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.messages[0]?.shown).toEqual(['queued:1', 'queued:1', 'generating']);
  });
});

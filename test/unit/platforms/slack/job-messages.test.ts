import type { webApi } from '@slack/bolt';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GenerationService } from '../../../../src/core/generation/generation-service.js';
import type { ObjectStore } from '../../../../src/core/ports.js';
import { createJobMessages } from '../../../../src/platforms/slack/job-messages.js';
import { contractGeneration } from '../../../contract/render-contract.js';
import { wideRegistry } from '../discord/fixtures.js';

/** A Web API client whose chat.update answers as Slack does for a message someone deleted. */
function deletedMessageClient() {
  const calls: string[] = [];
  const client = {
    chat: {
      update: async () => {
        calls.push('chat.update');
        // The Web API client's platform error, as it throws it.
        throw Object.assign(new Error('An API error occurred: message_not_found'), {
          code: 'slack_webapi_platform_error',
          data: { ok: false, error: 'message_not_found' },
        });
      },
    },
    reactions: {
      add: async () => {
        calls.push('reactions.add');
        return { ok: true };
      },
    },
  } as unknown as webApi.WebClient;
  return { client, calls };
}

describe('Slack job messages', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts a final state as shown when the message was deleted, without retrying the edit', async () => {
    const finalShown: string[] = [];
    const { client, calls } = deletedMessageClient();
    const jobs = createJobMessages({
      client,
      service: { finalShown: (id: string) => finalShown.push(id) } as unknown as GenerationService,
      catalogs: wideRegistry(),
      store: {} as ObjectStore,
      mediaMode: 'link',
      log: pino({ level: 'silent' }),
    });
    const g = contractGeneration({
      platform: 'slack',
      catalogId: 'wide',
      options: { style: 'style-1' },
      messageId: 'C0ART00001:1700000000.000100',
      status: 'done',
      imageUrl: 'https://m.example/z.png',
    });
    jobs.onStatus({ generation: g, update: { kind: 'done', reused: false }, at: 0, replayed: true });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual(['chat.update']);
    expect(finalShown).toEqual([g.id]);
  });
});

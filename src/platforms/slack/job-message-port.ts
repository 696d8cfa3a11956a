import type { webApi } from '@slack/bolt';
import type { CatalogRegistry } from '../../core/catalog/load-catalogs.js';
import type { GenerationService } from '../../core/generation/generation-service.js';
import type { Logger } from '../../core/logger.js';
import type { MediaStore } from '../../core/ports.js';
import { isTerminal, type JobUpdate } from '../../core/status.js';
import type { Generation } from '../../core/types.js';
import { renderJobCard } from '../shared/job-card.js';
import type { JobItem } from '../shared/job-coalescer.js';
import type { JobMessagePort } from '../shared/job-message-port.js';
import { renderJobMessage } from './blocks/job-blocks.js';
import type { MediaMode } from './blocks/media-image.js';
import { createCardUpdater } from './card-update.js';
import { messageGone } from './delete-messages.js';
import { findJobMessage, jobMetadata } from './find-job-message.js';
import { REROLL_REACTION } from './ids.js';
import { encodeReplyRef, messageIdOf, placeOf, refOf, type SlackMessageRef } from './message-ref.js';

/** A Slack job message: `ts` is empty until it is posted; `gate` while its thread is being opened. */
export type SlackJobRef = SlackMessageRef & { gate?: string };

export interface SlackJobPortDeps {
  client: webApi.WebClient;
  /** Records an uploaded image with the message (card-update.ts), so a deletion removes it too. */
  service: Pick<GenerationService, 'attachMessage'>;
  catalogs: CatalogRegistry;
  store: MediaStore;
  mediaMode: MediaMode;
  log: Logger;
}

const QUEUED: JobUpdate = { kind: 'queued', position: 1, etaMs: null };

/**
 * Slack's side of the job-message machine: a job's message is posted once (chat.postMessage, with the
 * job's id in its metadata) and edited with chat.update, uploading the image where a link will not do.
 */
export function createSlackJobPort(deps: SlackJobPortDeps): JobMessagePort<SlackJobRef> {
  const { client, log } = deps;
  const catalogOf = (g: Generation) =>
    deps.catalogs.has(g.catalogId) ? deps.catalogs.get(g.catalogId) : undefined;
  const cardOf = (item: JobItem) => renderJobCard(catalogOf(item.generation), item.generation, item.update);
  const showCard = createCardUpdater(deps);

  return {
    platform: 'slack',
    refOf: ({ generation }) => refOf(generation) ?? { ...placeOf(generation), ts: '' },
    hasMessage: (ref) => ref.ts !== '',
    placeOf: (ref) => ({
      key: ref.gate ?? `${ref.channel}:${ref.threadTs ?? ''}`,
      ...(ref.gate ? { gate: ref.gate } : {}),
    }),

    async post(ref, item, mayExist) {
      const { generation, update } = item;
      // A finished job (a reused image) is posted as queued and finished through the edit path, so
      // uploads and the 🔁 reaction happen in one place.
      const behind = isTerminal(update);
      const thread = ref.threadTs ? { threadTs: ref.threadTs } : {};
      // A message an earlier run (or try) posted but never recorded is taken over (found by its metadata).
      const found = mayExist
        ? await findJobMessage(client, generation).catch((e: unknown) => {
            log.debug({ err: e, jobId: generation.id }, 'could not look for an unrecorded job message');
            return undefined;
          })
        : undefined;
      if (found) {
        const taken = { ...found, ...thread };
        // It shows an older state: brought up to date at once.
        if (!behind) await showCard(taken, item, cardOf(item));
        return { kind: 'shown', ref: taken, changed: true, behind };
      }
      const res = await client.chat.postMessage({
        channel: ref.channel,
        ...(ref.threadTs ? { thread_ts: ref.threadTs } : {}),
        ...renderJobMessage(cardOf({ generation, update: behind ? QUEUED : update }), undefined),
        metadata: jobMetadata(generation.id),
      });
      return {
        kind: 'shown',
        ref: { channel: res.channel ?? ref.channel, ts: res.ts ?? '', ...thread },
        changed: true,
        behind,
      };
    },

    async edit(ref, item) {
      try {
        await showCard(ref, item, cardOf(item));
      } catch (error) {
        // Someone deleted the message (or its channel): there is nothing left to show the outcome in.
        if (isTerminal(item.update) && messageGone(error)) return { kind: 'gone' };
        throw error;
      }
      return { kind: 'shown', ref };
    },

    async react(ref, { generation }) {
      await client.reactions
        .add({ channel: ref.channel, timestamp: ref.ts, name: REROLL_REACTION })
        .catch((e: unknown) =>
          log.debug({ err: e, jobId: generation.id }, 'could not add the re-roll reaction'),
        );
    },

    record: (ref) => ({ messageId: messageIdOf(ref), replyRef: encodeReplyRef(ref) }),
  };
}

import type { webApi } from '@slack/bolt';
import type { CatalogRegistry } from '../../core/catalog/load-catalogs.js';
import type { GenerationService } from '../../core/generation/generation-service.js';
import type { Logger } from '../../core/logger.js';
import type { MediaStore } from '../../core/ports.js';
import { isTerminal, type JobUpdate, type StatusEvent } from '../../core/status.js';
import type { Generation } from '../../core/types.js';
import { initialUpdate, renderJobCard } from '../shared/job-card.js';
import { createJobCoalescer, type JobItem } from '../shared/job-coalescer.js';
import { renderJobMessage } from './blocks/job-blocks.js';
import type { MediaMode } from './blocks/media-image.js';
import { createCardUpdater } from './card-update.js';
import { messageGone } from './delete-messages.js';
import { findJobMessage, jobMetadata } from './find-job-message.js';
import { REROLL_REACTION } from './ids.js';
import { encodeReplyRef, messageIdOf, refOf, type SlackMessageRef } from './message-ref.js';
import { createSeenSet } from './seen-set.js';

export interface JobMessagesDeps {
  client: webApi.WebClient;
  service: GenerationService;
  catalogs: CatalogRegistry;
  store: MediaStore;
  mediaMode: MediaMode;
  log: Logger;
  /** Least time between two edits of one message (Slack: about one a second). */
  intervalMs?: number;
  /** How long a change waits for the next one before it is shown (default 0; see EDIT_SETTLE_MS). */
  settleMs?: number;
  /** How long a job without a message waits for its command handler to post one before we post it. */
  orphanGraceMs?: number;
}

type Item = JobItem;

const QUEUED: JobUpdate = { kind: 'queued', position: 1, etaMs: null };

/**
 * Each Slack job's channel message: posted once, then edited (chat.update) through the coalescer as
 * status events arrive, so a job costs a handful of calls. The message is found from the job's record,
 * so jobs resumed after a restart keep editing the same message.
 */
export function createJobMessages(deps: JobMessagesDeps) {
  const { client, log } = deps;
  /** Message of each job being followed; null when its post failed (its events are dropped). */
  const targets = new Map<string, SlackMessageRef | null>();
  /**
   * Jobs whose message is being posted, or is about to be by a command handler (`reserved`): the latest
   * event waits here.
   */
  const posting = new Map<string, { latest: Item | undefined; reserved?: true }>();
  const orphans = new Map<string, { latest: Item; timer: NodeJS.Timeout }>();
  /** Jobs this process posted a message for (a deduplicated re-roll returns the same job again). */
  const posted = createSeenSet(10_000);

  const catalogOf = (g: Generation) =>
    deps.catalogs.has(g.catalogId) ? deps.catalogs.get(g.catalogId) : undefined;
  const cardOf = (item: Item) => renderJobCard(catalogOf(item.generation), item.generation, item.update);

  const showCard = createCardUpdater(deps);

  async function send(id: string, item: Item): Promise<void> {
    const target = targets.get(id);
    if (!target) return;
    try {
      await showCard(target, item, cardOf(item));
    } catch (error) {
      if (isTerminal(item.update) && messageGone(error)) {
        // Someone deleted the message (or its channel): there is nothing left to show the outcome in.
        log.info({ jobId: id }, 'the job message is gone; its outcome is not shown');
        deps.service.finalShown(id);
        targets.delete(id);
        return;
      }
      throw error;
    }
    if (!isTerminal(item.update)) return;
    deps.service.finalShown(id);
    targets.delete(id);
    if (item.update.kind === 'done')
      await client.reactions
        .add({ channel: target.channel, timestamp: target.ts, name: REROLL_REACTION })
        .catch((e: unknown) => log.debug({ err: e, jobId: id }, 'could not add the re-roll reaction'));
  }

  const coalescer = createJobCoalescer({
    ...(deps.intervalMs !== undefined ? { intervalMs: deps.intervalMs } : {}),
    ...(deps.settleMs !== undefined ? { settleMs: deps.settleMs } : {}),
    send,
    log,
  });

  const deliver = (item: Item) => coalescer.push(item.generation.id, item);

  function onStatus({ generation, update }: StatusEvent): void {
    if (generation.platform !== 'slack') return;
    const id = generation.id;
    const item = { generation, update };
    const pending = posting.get(id);
    if (pending) {
      pending.latest = item;
      return;
    }
    if (targets.has(id)) {
      if (targets.get(id)) deliver(item);
      else if (isTerminal(update)) targets.delete(id);
      return;
    }
    const ref = refOf(generation);
    if (ref) {
      targets.set(id, ref);
      deliver(item);
      return;
    }
    // No message yet: the command handler is most likely posting it right now. If nobody does (a job
    // resumed after a crash before its post), post it ourselves.
    const orphan = orphans.get(id);
    if (orphan) {
      orphan.latest = item;
      return;
    }
    const timer = setTimeout(() => {
      const latest = orphans.get(id)?.latest ?? item;
      orphans.delete(id);
      post(latest.generation, { channel: latest.generation.channelId, adopt: true }).catch((e: unknown) =>
        log.warn({ err: e, jobId: id }, 'could not post the message of a resumed job'),
      );
    }, deps.orphanGraceMs ?? 3_000);
    timer.unref();
    orphans.set(id, { latest: item, timer });
  }

  /**
   * Posts a job's message (in a thread when threadTs is given) and follows the job from then on. Resolves
   * to undefined, posting nothing, when the job already has a message. With adopt (a resumed job without
   * a recorded message), a message an earlier run posted but never recorded is taken over instead.
   */
  async function post(
    generation: Generation,
    where: { channel: string; threadTs?: string; adopt?: boolean },
  ): Promise<SlackMessageRef | undefined> {
    const id = generation.id;
    const reserved = posting.get(id);
    if (generation.messageId || (reserved && !reserved.reserved) || !posted.firstTime(id)) return undefined;
    const orphan = orphans.get(id);
    if (orphan) {
      clearTimeout(orphan.timer);
      orphans.delete(id);
    }
    const state = { latest: reserved?.latest ?? orphan?.latest };
    posting.set(id, state);
    try {
      const first = state.latest?.update ?? initialUpdate(generation);
      // A job that is already finished (a reused image) is posted as queued and then finished through the
      // normal update path, so uploads and the 🔁 reaction happen in one place.
      const initial = isTerminal(first) ? QUEUED : first;
      if (isTerminal(first)) state.latest ??= { generation, update: first };
      const message = renderJobMessage(cardOf({ generation, update: initial }), undefined);
      const found = where.adopt
        ? await findJobMessage(client, generation).catch((e: unknown) => {
            log.debug({ err: e, jobId: id }, 'could not look for an unrecorded job message');
            return undefined;
          })
        : undefined;
      const res =
        found ??
        (await client.chat.postMessage({
          channel: where.channel,
          ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
          ...message,
          metadata: jobMetadata(id),
        }));
      const ref: SlackMessageRef = {
        channel: res.channel ?? where.channel,
        ts: res.ts ?? '',
        ...(where.threadTs ? { threadTs: where.threadTs } : {}),
      };
      targets.set(id, ref);
      // The post counts as the first edit: the next one waits for the interval and a meaningful change.
      // A message taken over shows an older state: it is brought up to date at once.
      if (found) deliver({ generation, update: initial });
      else coalescer.markSent(id, { generation, update: initial });
      await deps.service
        .attachMessage(id, messageIdOf(ref), encodeReplyRef(ref))
        .catch((e: unknown) => log.warn({ err: e, jobId: id }, 'could not record the job message'));
      return ref;
    } catch (error) {
      targets.set(id, null);
      throw error;
    } finally {
      posting.delete(id);
      if (state.latest && targets.get(id)) deliver(state.latest);
      else if (state.latest && isTerminal(state.latest.update)) targets.delete(id);
    }
  }

  /**
   * Holds these jobs' events for a command handler about to post their messages one after another (a
   * sequence's frames): Slack paces posts to about one a second per channel, and a frame still waiting its
   * turn after orphanGraceMs would otherwise be taken for an orphan and posted outside its thread. The
   * function returned hands the jobs the handler did not post (it failed on the way) back to onStatus.
   */
  function reserve(ids: readonly string[]): () => void {
    for (const id of ids) {
      if (posting.has(id) || targets.has(id)) continue;
      const orphan = orphans.get(id);
      if (orphan) clearTimeout(orphan.timer);
      orphans.delete(id);
      posting.set(id, { latest: orphan?.latest, reserved: true });
    }
    return () => {
      for (const id of ids) {
        const state = posting.get(id);
        if (!state?.reserved) continue;
        posting.delete(id);
        if (state.latest) onStatus({ ...state.latest, at: Date.now() });
      }
    };
  }

  return {
    post,
    reserve,
    onStatus,
    drain: () => coalescer.drain(),
    stop() {
      for (const { timer } of orphans.values()) clearTimeout(timer);
      orphans.clear();
    },
  };
}

export type JobMessages = ReturnType<typeof createJobMessages>;

import type { CatalogRegistry } from '../../core/catalog/load-catalogs.js';
import type { GenerationService } from '../../core/generation/generation-service.js';
import type { Logger } from '../../core/logger.js';
import { isTerminal, type StatusEvent } from '../../core/status.js';
import type { Generation } from '../../core/types.js';
import { initialUpdate, renderJobCard } from '../shared/job-card.js';
import { createJobCoalescer, type JobItem } from '../shared/job-coalescer.js';
import { createJobPlacer } from './job-placer.js';
import type { MediaResolver } from './media.js';
import { type MessageSender, type Placement, refusedHere, threadArchived } from './message-sender.js';
import { createRecentSet } from './recent-set.js';
import { renderJobMessage } from './render/job-message.js';
import { decodeRef, encodeRef } from './reply-ref.js';

export const REROLL_EMOJI = '🔁';

export interface StatusPublisherDeps {
  sender: MessageSender;
  service: GenerationService;
  catalogs: CatalogRegistry;
  media: MediaResolver;
  log: Logger;
  /** Least time between two edits of one message (default 1 s). */
  intervalMs?: number;
  /** How long a change waits for the next one before it is shown (default 0; see EDIT_SETTLE_MS). */
  settleMs?: number;
  /** How long events of a job nobody placed wait before the job gets a new channel message (default 5 s). */
  holdMs?: number;
  /** Whether the bot may add reactions in a channel, as far as it knows (unknown: true). */
  mayReact?: (channelId: string) => boolean;
}

type Item = JobItem;

/**
 * Each Discord job's live message. Status events are coalesced per job (about one edit a second, only on
 * meaningful change, the final state always) and sent to the job's placement: the one a handler gave
 * (`follow`), or, for jobs this process knows nothing about (resumed after a restart), the one the record
 * carries (message id + replyRef). Finished results get the 🔁 reaction.
 */
export function createStatusPublisher(deps: StatusPublisherDeps) {
  const { log } = deps;
  const targets = new Map<string, Placement>();
  /** Events of jobs without a placement yet: their handler is about to call `follow`. */
  const holds = new Map<string, { latest: Item; timer: NodeJS.Timeout }>();
  const pushed = createRecentSet();
  const finished = createRecentSet();
  /**
   * Jobs whose new message must come after another job's (the frames of a sequence): what their first send
   * waits for, and what to call once it was made. Messages are posted by independent sends, and a job that
   * has moved on (a finished frame waits for its image file) would otherwise post after later ones.
   */
  const turns = new Map<string, { after: Promise<void> | undefined; done(): void }>();

  const place = createJobPlacer({ sender: deps.sender, log });

  const catalogOf = (g: Generation) =>
    deps.catalogs.has(g.catalogId) ? deps.catalogs.get(g.catalogId) : undefined;

  function placementOf(generation: Generation): Placement | undefined {
    const known = targets.get(generation.id);
    if (known || !generation.messageId) return known;
    const ref = decodeRef(generation.replyRef);
    const placement: Placement = {
      channelId: ref?.channelId ?? generation.channelId,
      messageId: generation.messageId,
      ...(ref?.token ? { token: ref.token, tokenAt: ref.tokenAt } : {}),
      ...(ref?.followUp ? { followUp: true } : {}),
    };
    targets.set(generation.id, placement);
    return placement;
  }

  async function send(id: string, item: Item): Promise<void> {
    const target = targets.get(id) ?? placementOf(item.generation);
    if (!target) return;
    const { generation, update } = item;
    // A job's first send is its post: the one that waits its turn.
    const turn = turns.get(id);
    try {
      if (turn?.after) await turn.after;
      const card = renderJobCard(catalogOf(generation), generation, update);
      const image = update.kind === 'done' ? await deps.media(generation, 'image') : undefined;
      const placed = await place(generation, target, renderJobMessage(card, image), isTerminal(update));
      if (placed.kind === 'skipped' || placed.kind === 'undelivered') return;
      if (isTerminal(update)) deps.service.finalShown(id);
      if (placed.kind === 'gone') {
        log.info({ jobId: id }, 'the job message is gone; its outcome is not shown');
        return;
      }
      const { message } = placed;
      // A new message (first post, a follow-up instead, a DM) becomes the job's: reactions and deletion find it.
      if (!target.messageId || placed.kind === 'direct') {
        target.messageId = message.id;
        await deps.service
          .attachMessage(id, message.id, encodeRef({ ...target, channelId: message.channel_id }))
          .catch((e: unknown) => log.warn({ err: e, jobId: id }, 'could not record the job message'));
      }
      // 🔁 is a shortcut (the card's button does the same): not added where the bot may not, nor in a DM.
      if (update.kind === 'done' && placed.kind === 'here' && (deps.mayReact?.(message.channel_id) ?? true))
        await deps.sender.react(message.channel_id, message.id, REROLL_EMOJI).catch((e: unknown) => {
          const expected = refusedHere(e) || threadArchived(e);
          log[expected ? 'debug' : 'warn']({ err: e, jobId: id }, 'could not add the re-roll reaction');
        });
    } finally {
      // Posted or failed: the next frame's post goes ahead either way (a retry here posts out of turn).
      if (turn) {
        turns.delete(id);
        turn.done();
      }
      if (isTerminal(update)) {
        targets.delete(id);
        finished.add(id);
      }
    }
  }

  const coalescer = createJobCoalescer({
    ...(deps.intervalMs !== undefined ? { intervalMs: deps.intervalMs } : {}),
    ...(deps.settleMs !== undefined ? { settleMs: deps.settleMs } : {}),
    send,
    log,
  });

  const push = (item: Item) => {
    pushed.add(item.generation.id);
    coalescer.push(item.generation.id, item);
  };

  function release(id: string) {
    const held = holds.get(id);
    if (!held) return;
    holds.delete(id);
    // Nobody placed it (a handler failed, or the process restarted before the first message): post one.
    log.info({ jobId: id }, 'job without a message; posting one in its channel');
    targets.set(id, { channelId: held.latest.generation.channelId });
    push(held.latest);
  }

  /**
   * Shows a job at `placement` from now on: its latest state at once, then every change. A job that
   * is already followed (a repeated re-roll answered with the same job) is left alone: returns false.
   */
  function follow(generation: Generation, placement: Placement): boolean {
    const id = generation.id;
    const known = targets.get(id);
    if (finished.has(id) || (known && pushed.has(id))) return false;
    if (!known) targets.set(id, placement);
    // Recorded now, not after the first edit: a restart in between finds the message from the record.
    if (!known && placement.messageId && !generation.messageId)
      void deps.service
        .attachMessage(id, placement.messageId, encodeRef(placement))
        .catch((e: unknown) => log.warn({ err: e, jobId: id }, 'could not record the job message'));
    const held = holds.get(id);
    if (held) {
      clearTimeout(held.timer);
      holds.delete(id);
      push(held.latest);
    } else if (!pushed.has(id)) push({ generation, update: initialUpdate(generation) });
    return true;
  }

  return {
    onStatus({ generation, update }: StatusEvent): void {
      if (generation.platform !== 'discord' || finished.has(generation.id)) return;
      const item = { generation, update };
      if (placementOf(generation)) {
        push(item);
        return;
      }
      const held = holds.get(generation.id);
      if (held) {
        held.latest = item;
        return;
      }
      const timer = setTimeout(() => release(generation.id), deps.holdMs ?? 5_000);
      timer.unref();
      holds.set(generation.id, { latest: item, timer });
    },

    follow,

    /**
     * Follows jobs that each get a new message at `place` (a channel, or follow-ups of an interaction),
     * posted in the order given (a sequence's frames, in frame order) however their states move meanwhile.
     */
    followInOrder(generations: Generation[], place: Omit<Placement, 'messageId'>): void {
      let after: Promise<void> | undefined;
      for (const generation of generations) {
        let done = () => {};
        const posted = new Promise<void>((resolve) => {
          done = resolve;
        });
        turns.set(generation.id, { after, done });
        if (!follow(generation, { ...place })) {
          turns.delete(generation.id);
          done();
        }
        after = posted;
      }
    },

    /** Sends every pending edit now (shutdown); unfinished jobs are picked up again by the next process. */
    flush: () => coalescer.flush(),
    stop() {
      for (const { timer } of holds.values()) clearTimeout(timer);
      holds.clear();
    },
  };
}

export type StatusPublisher = ReturnType<typeof createStatusPublisher>;

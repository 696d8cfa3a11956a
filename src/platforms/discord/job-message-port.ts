import type { CatalogRegistry } from '../../core/catalog/load-catalogs.js';
import type { Logger } from '../../core/logger.js';
import { isTerminal } from '../../core/status.js';
import type { Generation } from '../../core/types.js';
import { renderJobCard } from '../shared/job-card.js';
import type { JobItem } from '../shared/job-coalescer.js';
import type { JobMessagePort, Shown } from '../shared/job-message-port.js';
import { createJobPlacer } from './job-placer.js';
import type { MediaResolver } from './media.js';
import { type MessageSender, type Placement, refusedHere, threadArchived } from './message-sender.js';
import { renderJobMessage } from './render/job-message.js';
import { decodeRef, encodeRef } from './reply-ref.js';

export const REROLL_EMOJI = '🔁';

/** A Discord job message's place (mutable: the placer learns ids and drops dead tokens in it). */
export interface DiscordJobRef extends Placement {
  /** Its place is being opened by the adapter (a sequence's thread). */
  gate?: string;
  /** The final state went to the requester's DMs (the channel refused the bot): no 🔁 there. */
  direct?: true;
}

export interface DiscordJobPortDeps {
  sender: MessageSender;
  catalogs: CatalogRegistry;
  media: MediaResolver;
  log: Logger;
  /** Whether the bot may add reactions in a channel, as far as it knows (unknown: true). */
  mayReact?: (channelId: string) => boolean;
  now?: () => number;
}

/**
 * Discord's side of the job-message machine: a job's message is the deferred reply (edited through the
 * interaction token while it lives, then the bot token), or a new channel message, follow-up or DM; the
 * placer (job-placer.ts) moves it when Discord refuses the bot where it was.
 */
export function createDiscordJobPort(deps: DiscordJobPortDeps): JobMessagePort<DiscordJobRef> {
  const { log } = deps;
  const place = createJobPlacer({ sender: deps.sender, log, ...(deps.now ? { now: deps.now } : {}) });
  const catalogOf = (g: Generation) =>
    deps.catalogs.has(g.catalogId) ? deps.catalogs.get(g.catalogId) : undefined;

  async function show(ref: DiscordJobRef, { generation, update }: JobItem): Promise<Shown<DiscordJobRef>> {
    const card = renderJobCard(catalogOf(generation), generation, update);
    const image = update.kind === 'done' ? await deps.media(generation, 'image') : undefined;
    const placed = await place(generation, ref, renderJobMessage(card, image), isTerminal(update));
    if (placed.kind !== 'here' && placed.kind !== 'direct') return placed;
    const { message } = placed;
    if (placed.kind === 'direct')
      return {
        kind: 'shown',
        ref: { channelId: message.channel_id, messageId: message.id, direct: true },
        changed: true,
      };
    // A new message (first post, a follow-up instead) becomes the job's: reactions and deletion find it.
    const changed = ref.messageId !== message.id;
    ref.messageId = message.id;
    ref.channelId = message.channel_id;
    return { kind: 'shown', ref, changed };
  }

  return {
    platform: 'discord',
    refOf({ generation }) {
      const ref = decodeRef(generation.replyRef);
      return {
        ...ref,
        channelId: ref?.channelId ?? generation.channelId,
        ...(generation.messageId ? { messageId: generation.messageId } : {}),
      };
    },
    hasMessage: (ref) => ref.messageId !== undefined,
    placeOf: (ref) => ({
      key: ref.gate ?? (ref.followUp && ref.token ? `token:${ref.token}` : ref.channelId),
      ...(ref.gate ? { gate: ref.gate } : {}),
    }),
    post: (ref, job) => show(ref, job),
    edit: show,
    async react(ref, { generation }) {
      // 🔁 is a shortcut (the card's button does the same): not added where the bot may not, nor in a DM.
      if (ref.direct || !ref.messageId || !(deps.mayReact?.(ref.channelId) ?? true)) return;
      await deps.sender.react(ref.channelId, ref.messageId, REROLL_EMOJI).catch((e: unknown) => {
        const expected = refusedHere(e) || threadArchived(e);
        log[expected ? 'debug' : 'warn'](
          { err: e, jobId: generation.id },
          'could not add the re-roll reaction',
        );
      });
    },
    record: (ref) => ({
      messageId: ref.messageId ?? '',
      replyRef: encodeRef({
        channelId: ref.channelId,
        ...(ref.token && ref.tokenAt !== undefined ? { token: ref.token, tokenAt: ref.tokenAt } : {}),
        ...(ref.followUp ? { followUp: true } : {}),
      }),
    }),
  };
}

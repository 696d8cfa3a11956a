import { type APIMessage, DiscordAPIError, type REST, RESTJSONErrorCodes, Routes } from 'discord.js';
import type { Logger } from '../../core/logger.js';
import { type OutgoingMessage, restBody, restFiles } from './render/outgoing.js';
import { tokenUsable } from './reply-ref.js';

/** An interaction's token and when the interaction was created (its token works 15 minutes from then). */
export interface InteractionToken {
  token: string;
  tokenAt: number;
}

/** Where a job's message is (or is to be posted). Mutable: it learns the message id and drops a dead token. */
export interface Placement {
  channelId: string;
  messageId?: string;
  /** Interaction token whose `@original` is the message, and when the interaction was created. */
  token?: string;
  tokenAt?: number;
  /** The message is (to be posted as) a follow-up of that token's interaction, not its `@original`. */
  followUp?: boolean;
  /** A message not posted yet is posted as a reply to this one (re-rolls). */
  replyTo?: string;
  /**
   * The interaction that started the job, when the message itself goes by the bot token (a frame in a
   * thread, a re-roll): if Discord refuses the bot there, the job goes on as a follow-up of it.
   */
  fallback?: InteractionToken;
}

/** Discord's answers when an interaction token no longer works (expired, or the interaction is gone). */
const TOKEN_GONE = new Set<number | string>([50027, 10015, 10062]);

const tokenGone = (error: unknown) =>
  error instanceof DiscordAPIError && (TOKEN_GONE.has(error.code) || error.status === 401);

/**
 * Discord refused the bot token for lack of permissions where it wrote: 403 50001 Missing Access (no View
 * Channel) or 50013 Missing Permissions. Interaction tokens are not affected.
 */
export const refusedHere = (error: unknown): boolean =>
  error instanceof DiscordAPIError &&
  (error.code === RESTJSONErrorCodes.MissingAccess || error.code === RESTJSONErrorCodes.MissingPermissions);

/** Discord refuses edits and reactions in an archived thread (threads.mdx "Active & Archived Threads"). */
export const threadArchived = (error: unknown): boolean =>
  error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.InvalidActionOnArchivedThread;

/**
 * Shows a message at a placement with as little state as the record carries: through the interaction
 * webhook while its token is fresh, else with the bot token (edit when the message id is known, post
 * otherwise). A token refused early (clock skew, a shorter lifetime) falls back the same way.
 */
export function createMessageSender(deps: {
  rest: REST;
  /** For the interaction webhook routes (not bound to the global rate limit); `rest` when absent. */
  interactionRest?: REST;
  appId: string;
  log: Logger;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const { rest } = deps;
  const hooks = deps.interactionRest ?? rest;

  /**
   * An edit refused because its thread archived (after a day without messages, or sooner by a moderator):
   * the thread is unarchived, as a new message would do, and the edit made again. A job's result is news
   * worth bringing the thread back for; the bot started the thread, which is all unarchiving takes.
   */
  async function inActiveThread<T>(channelId: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!threadArchived(error)) throw error;
      await rest.patch(Routes.channel(channelId), { body: { archived: false } });
      deps.log.info({ channelId }, 'unarchived a thread to show a job in it');
      return write();
    }
  }

  async function show(target: Placement, message: OutgoingMessage): Promise<APIMessage> {
    const files = restFiles(message);
    if (target.token && tokenUsable(target.tokenAt, now())) {
      const token = target.token;
      const { messageId } = target;
      try {
        // A follow-up not posted yet is created (?wait=true answers the message); else the message is edited.
        if (target.followUp && !messageId)
          return (await hooks.post(Routes.webhook(deps.appId, token), {
            body: restBody(message),
            files,
            query: new URLSearchParams({ wait: 'true' }),
            auth: false,
          })) as APIMessage;
        const which = target.followUp && messageId ? messageId : '@original';
        return (await inActiveThread(target.channelId, () =>
          hooks.patch(Routes.webhookMessage(deps.appId, token, which), {
            body: restBody(message),
            files,
            auth: false,
          }),
        )) as APIMessage;
      } catch (error) {
        if (!tokenGone(error)) throw error;
        deps.log.info({ messageId: target.messageId }, 'interaction token expired; using the bot token');
      }
    }
    delete target.token;
    delete target.tokenAt;
    delete target.followUp;
    const { messageId } = target;
    if (messageId)
      return (await inActiveThread(target.channelId, () =>
        rest.patch(Routes.channelMessage(target.channelId, messageId), { body: restBody(message), files }),
      )) as APIMessage;
    return (await rest.post(Routes.channelMessages(target.channelId), {
      body: {
        ...restBody(message),
        ...(target.replyTo
          ? { message_reference: { message_id: target.replyTo, fail_if_not_exists: false } }
          : {}),
      },
      files,
    })) as APIMessage;
  }

  /** DMs need no permissions; a user who closed them answers 50007 (the caller decides). */
  async function sendDirect(userId: string, message: OutgoingMessage): Promise<APIMessage> {
    const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
    return (await rest.post(Routes.channelMessages(dm.id), {
      body: restBody(message),
      files: restFiles(message),
    })) as APIMessage;
  }

  return {
    show,
    /** Adds the bot's own reaction (e.g. 🔁 on a finished result). */
    react: (channelId: string, messageId: string, emoji: string) =>
      rest.put(Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(emoji))),
    /** Edits an interaction's `@original` (menus, galleries) when no interaction object is at hand. */
    editOriginal: (token: string, message: OutgoingMessage) =>
      hooks.patch(Routes.webhookMessage(deps.appId, token, '@original'), {
        body: restBody(message),
        files: restFiles(message),
        auth: false,
      }),
    /** A private word with a user where there is no interaction to answer (a refused 🔁): their DM. */
    async directMessage(userId: string, content: string): Promise<void> {
      await sendDirect(userId, { content: content.slice(0, 2000), embeds: [], components: [], files: [] });
    },
    /** A whole message (a job's card and image) in a user's DM: where it goes when the channel refuses it. */
    sendDirect,
    startThread: (channelId: string, messageId: string, name: string) =>
      rest.post(Routes.threads(channelId, messageId), {
        body: { name, auto_archive_duration: 1440 },
      }) as Promise<{ id: string }>,
  };
}

export type MessageSender = ReturnType<typeof createMessageSender>;

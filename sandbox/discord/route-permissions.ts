import { apiErrors } from './http-io.js';
import { PERMISSION as P } from './permissions.js';
import type { RouteRequest } from './router.js';
import type { EmulatorState } from './state.js';

interface RuleInput {
  req: RouteRequest;
  state: EmulatorState;
  /** SEND_MESSAGES, or SEND_MESSAGES_IN_THREADS in a thread. */
  send: bigint;
}

type Rule = (input: RuleInput) => bigint;

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/**
 * What each bot-token channel route needs besides VIEW_CHANNEL. Sources: discord-api-docs
 * developers/resources/message.mdx (each route's own paragraph), developers/topics/threads.mdx
 * "Permissions", developers/topics/permissions.mdx (the flags table), as cited per rule.
 */
const RULES: Record<string, Rule> = {
  // message.mdx "Create Message", Limitations: SEND_MESSAGES (threads.mdx: SEND_MESSAGES_IN_THREADS in a
  // thread); READ_MESSAGE_HISTORY for a reply. permissions.mdx ATTACH_FILES: "Allows for uploading images
  // and files". A message of embeds only, without EMBED_LINKS, is refused with 50013
  // (discord/discord-api-docs#2601).
  'POST /channels/:channelId/messages': ({ req, send }) => {
    const body = record(req.body);
    const embedsOnly = Array.isArray(body.embeds) && body.embeds.length > 0 && !body.content;
    return (
      send |
      (body.message_reference ? P.READ_MESSAGE_HISTORY : 0n) |
      (req.files.length > 0 ? P.ATTACH_FILES : 0n) |
      (embedsOnly ? P.EMBED_LINKS : 0n)
    );
  },
  // message.mdx "Get Channel Message": VIEW_CHANNEL and READ_MESSAGE_HISTORY.
  'GET /channels/:channelId/messages/:messageId': () => P.READ_MESSAGE_HISTORY,
  // message.mdx "Delete Message": MANAGE_MESSAGES for a message not sent by the current user.
  'DELETE /channels/:channelId/messages/:messageId': ({ req, state }) => {
    const message = state.messages.get(req.params.messageId ?? '');
    return message && message.data.author.id !== state.botUser.id ? P.MANAGE_MESSAGES : 0n;
  },
  // message.mdx "Create Reaction": READ_MESSAGE_HISTORY; ADD_REACTIONS too if nobody has reacted to the
  // message with this emoji yet.
  'PUT /channels/:channelId/messages/:messageId/reactions/:emoji/@me': ({ req, state }) => {
    const message = state.messages.get(req.params.messageId ?? '');
    const emoji = req.params.emoji ?? '';
    const reacted = [...(message?.reactions.values() ?? [])].some(
      (r) => (r.emoji.id ?? r.emoji.name) === emoji && r.userIds.length > 0,
    );
    return P.READ_MESSAGE_HISTORY | (reacted ? 0n : P.ADD_REACTIONS);
  },
  // message.mdx "Delete User Reaction": MANAGE_MESSAGES.
  'DELETE /channels/:channelId/messages/:messageId/reactions/:emoji/:userId': () => P.MANAGE_MESSAGES,
  // permissions.mdx CREATE_PUBLIC_THREADS: "Allows for creating public and announcement threads".
  'POST /channels/:channelId/messages/:messageId/threads': () => P.CREATE_PUBLIC_THREADS,
  // CREATE_PRIVATE_THREADS for type 12 (channel.mdx "Start Thread without Message": type defaults to 12).
  'POST /channels/:channelId/threads': ({ req }) =>
    (record(req.body).type ?? 12) === 11 ? P.CREATE_PUBLIC_THREADS : P.CREATE_PRIVATE_THREADS,
  'POST /channels/:channelId/typing': ({ send }) => send,
};

/**
 * Throws what Discord answers when the bot's permissions in the route's channel (its roles, then the
 * channel's overwrites) do not allow the call: 403 50001 Missing Access without VIEW_CHANNEL, 403 50013
 * Missing Permissions otherwise (opcodes-and-status-codes.mdx, JSON error codes). Interaction-token routes
 * are not checked: they keep working whatever the channel's overwrites (discordjs/discord.js#7544).
 */
export function checkBotPermissions(state: EmulatorState, routeKey: string, req: RouteRequest): void {
  const channelId = req.params.channelId;
  if (!channelId) return;
  // Undefined for DMs and unknown channels (the route itself answers 10003).
  const permissions = state.channelPermissionsOf(channelId, state.botUser.id);
  if (permissions === undefined) return;
  // permissions.mdx "Implicit Permissions": without VIEW_CHANNEL nothing else in the channel applies.
  if ((permissions & P.VIEW_CHANNEL) === 0n) throw apiErrors.missingAccess();
  const channel = state.channels.get(channelId);
  const send = channel?.type === 11 || channel?.type === 12 ? P.SEND_MESSAGES_IN_THREADS : P.SEND_MESSAGES;
  // permissions.mdx "Implicit Permissions": denying SEND_MESSAGES implicitly denies MENTION_EVERYONE,
  // SEND_TTS_MESSAGES, ATTACH_FILES and EMBED_LINKS.
  const implicitlyDenied = P.MENTION_EVERYONE | P.SEND_TTS_MESSAGES | P.ATTACH_FILES | P.EMBED_LINKS;
  const effective = (permissions & send) === 0n ? permissions & ~implicitlyDenied : permissions;
  const need = RULES[routeKey]?.({ req, state, send }) ?? 0n;
  if ((effective & need) !== need) throw apiErrors.missingPermissions();
}

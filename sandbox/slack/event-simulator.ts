import { randomUUID } from 'node:crypto';
import { addReaction, removeReaction } from './message-store.js';
import { eventCallbackPayload } from './payloads.js';
import { findChannel, findUser, payloadContext, type SimulatorDeps } from './simulator-deps.js';
import type { DeliveryResult, Json, SlackMessage } from './types.js';

export interface ReactArgs {
  userId: string;
  channelId: string;
  /** The message's ts. */
  ts: string;
  /** Emoji name without colons, e.g. "repeat". */
  reaction: string;
}

export interface UserMessageArgs {
  userId: string;
  channelId: string;
  text: string;
  threadTs?: string;
}

export interface UserMessageResult {
  message: SlackMessage;
  /** One per event sent (`message`, plus `app_mention` when the text mentions the bot); none if the bot is not in the channel. */
  deliveries: DeliveryResult[];
}

export function deliverEvent(deps: SimulatorDeps, event: Json): Promise<DeliveryResult> {
  const eventId = deps.ids.next('Ev');
  return deps.deliver({
    kind: 'event',
    payload: eventCallbackPayload(payloadContext(deps), event, eventId),
    eventId,
  });
}

/** A user adds (or removes) a reaction: the message changes, then reaction_added/removed is delivered. */
export async function simulateReaction(
  deps: SimulatorDeps,
  args: ReactArgs,
  added = true,
): Promise<DeliveryResult> {
  const user = findUser(deps, args.userId);
  const channel = findChannel(deps, args.channelId);
  const message = deps.messages.get(channel.id, args.ts);
  if (!message) throw new Error(`slack emulator: no message ${args.ts} in ${channel.id}`);
  deps.messages.update(message, (m) => {
    const changed = added
      ? addReaction(m, args.reaction, user.id)
      : removeReaction(m, args.reaction, user.id);
    if (!changed)
      throw new Error(
        `slack emulator: ${user.id} ${added ? 'already reacted' : 'has no reaction'} :${args.reaction}:`,
      );
  });
  return deliverEvent(deps, {
    type: added ? 'reaction_added' : 'reaction_removed',
    user: user.id,
    reaction: args.reaction,
    item: { type: 'message', channel: channel.id, ts: message.ts },
    item_user: message.user,
    event_ts: deps.ids.ts(),
  });
}

/** A user posts; the bot hears it as `message` (and `app_mention` when mentioned) if it is in the channel. */
export async function simulateUserMessage(
  deps: SimulatorDeps,
  args: UserMessageArgs,
): Promise<UserMessageResult> {
  const user = findUser(deps, args.userId);
  const channel = findChannel(deps, args.channelId);
  if (!channel.members.includes(user.id))
    throw new Error(`slack emulator: ${user.id} is not in ${channel.id}`);
  if (args.threadTs && !deps.messages.get(channel.id, args.threadTs)) {
    throw new Error(`slack emulator: no thread ${args.threadTs} in ${channel.id}`);
  }
  const clientMsgId = randomUUID();
  const blocks = [
    {
      type: 'rich_text',
      block_id: deps.ids.secret().slice(0, 5),
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: args.text }] }],
    },
  ];
  const stored = deps.messages.add({
    channel: channel.id,
    ts: deps.ids.ts(),
    user: user.id,
    text: args.text,
    fromBot: false,
    clientMsgId,
    blocks,
    reactions: [],
    ...(args.threadTs ? { threadTs: args.threadTs } : {}),
  });
  const message = deps.messages.toWire(stored);
  const { bot, team } = deps.directory;
  if (!channel.members.includes(bot.userId)) return { message, deliveries: [] };
  const common: Json = {
    user: user.id,
    text: args.text,
    ts: stored.ts,
    channel: channel.id,
    event_ts: stored.ts,
    client_msg_id: clientMsgId,
    team: team.id,
    blocks,
    ...(args.threadTs ? { thread_ts: args.threadTs } : {}),
  };
  const deliveries = [
    await deliverEvent(deps, { type: 'message', ...common, channel_type: channel.isIm ? 'im' : 'channel' }),
  ];
  if (args.text.includes(`<@${bot.userId}>`))
    deliveries.push(await deliverEvent(deps, { type: 'app_mention', ...common }));
  return { message, deliveries };
}

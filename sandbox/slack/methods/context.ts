import { SlackApiError } from '../api-args.js';
import type { Directory } from '../directory.js';
import type { EphemeralStore } from '../ephemeral-store.js';
import type { FileStore } from '../file-store.js';
import type { IdFactory, NowSource } from '../ids.js';
import { isTs } from '../ids.js';
import type { MessageStore, StoredMessage } from '../message-store.js';
import type { Json, SlackChannelInfo } from '../types.js';
import type { ViewStore } from '../view-store.js';

/** Everything a Web API method may read or change. */
export interface MethodContext {
  directory: Directory;
  messages: MessageStore;
  ephemerals: EphemeralStore;
  views: ViewStore;
  files: FileStore;
  ids: IdFactory;
  clock: NowSource;
  baseUrl(): string;
  /** A fresh Socket Mode URL (one-use ticket), for apps.connections.open. */
  issueSocketUrl(): string;
}

export type MethodHandler = (args: Json, ctx: MethodContext) => Json | Promise<Json>;

export interface MethodSpec {
  handler: MethodHandler;
  /** Which token type the method accepts: bot (xoxb-) or app-level (xapp-). */
  token: 'bot' | 'app';
}

export function channelOrThrow(ctx: MethodContext, id: string | undefined): SlackChannelInfo {
  const channel = id ? ctx.directory.channel(id) : undefined;
  if (!channel) throw new SlackApiError('channel_not_found');
  return channel;
}

export function messageOrThrow(ctx: MethodContext, channel: string, ts: string | undefined): StoredMessage {
  const message = isTs(ts) ? ctx.messages.get(channel, ts) : undefined;
  if (!message) throw new SlackApiError('message_not_found');
  return message;
}

export function nextBlockId(ctx: MethodContext): () => string {
  return () => ctx.ids.secret().replace(/-/g, '').slice(0, 5);
}

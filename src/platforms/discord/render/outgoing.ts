import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  AttachmentBuilder,
} from 'discord.js';
import { escapeUserText } from './user-text.js';

/** A file attached to a message; embeds point at it with `attachment://<name>`. */
export interface Upload {
  name: string;
  data: Buffer;
  contentType: string;
}

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** What the renderers produce: one shape for interaction replies and bot-token messages alike. */
export interface OutgoingMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ActionRow[];
  files: Upload[];
}

/** An image as a message shows it: a public URL, or an uploaded file (`url` is then attachment://). */
export interface Media {
  url: string;
  file?: Upload;
}

/** Nothing the bot sends may ping anyone: user text can contain @everyone or mentions. */
const NO_MENTIONS = { parse: [] };

/** The JSON body for REST (webhook edits, channel messages); new uploads replace earlier attachments. */
export function restBody(message: OutgoingMessage) {
  return {
    content: message.content ?? '',
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: NO_MENTIONS,
    attachments: message.files.map((file, id) => ({ id, filename: file.name })),
  };
}

export const restFiles = (message: OutgoingMessage) =>
  message.files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType }));

/** Options for discord.js interaction replies (reply, editReply, update, followUp). */
export function replyOptions(message: OutgoingMessage) {
  return {
    content: message.content ?? '',
    embeds: message.embeds,
    components: message.components,
    files: message.files.map((f) => new AttachmentBuilder(f.data, { name: f.name })),
    attachments: [],
    allowedMentions: NO_MENTIONS,
  };
}

/** A short private text answer. */
export const textMessage = (content: string): OutgoingMessage => ({
  content: truncate(content, 2000),
  embeds: [],
  components: [],
  files: [],
});

export const truncate = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;

/** User text shown as typed (no live links, mentions or headings), within `max` characters. */
export function literal(text: string, max: number): string {
  const escaped = escapeUserText(truncate(text, max));
  return escaped.length <= max ? escaped : `${escaped.slice(0, max - 1).replace(/\\$/, '')}…`;
}

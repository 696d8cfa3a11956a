/**
 * Discord's gateway payloads against the docs' field tables (../specs/discord-doc-fields.json): a field
 * the table does not list is invented, a field it lists without `?` is one Discord always sends, a `null`
 * needs a `?type`. Nested objects are followed through the tables named in SHAPES.
 */
import { readFileSync } from 'node:fs';
import type { Problem } from './problem.js';
import { jsonType } from './sample-compare.js';

interface DocField {
  optional: boolean;
  nullable: boolean;
  type: string;
}
const TABLES = JSON.parse(
  readFileSync(new URL('../specs/discord-doc-fields.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, DocField>>;

const R = 'developers/interactions/receiving-and-responding.mdx#interaction-object-';
const M = 'developers/resources/message.mdx#';
const C = 'developers/resources/channel.mdx#';
const G = 'developers/resources/guild.mdx#';
const GE = 'developers/events/gateway-events.mdx#';

interface ShapeDef {
  tables: string[];
  /** Every field optional: the docs say the object is partial here. */
  partial?: boolean;
  /** Field → shape of its value (or of each element, for arrays). */
  nested?: Record<string, string | ((value: Record<string, unknown>) => string | undefined)>;
}

const interactionData = (i: Record<string, unknown>) =>
  i.type === 3 ? 'component-data' : i.type === 5 ? 'modal-data' : 'command-data';

export const SHAPES: Record<string, ShapeDef> = {
  interaction: {
    tables: [`${R}interaction-structure`],
    nested: {
      data: interactionData,
      member: 'member',
      user: 'user',
      message: 'message',
      channel: 'partial-channel',
      guild: 'partial-guild',
    },
  },
  'command-data': {
    tables: [`${R}application-command-data-structure`],
    nested: { options: 'option', resolved: 'resolved' },
  },
  option: {
    tables: [`${R}application-command-interaction-data-option-structure`],
    nested: { options: 'option' },
  },
  resolved: { tables: [`${R}resolved-data-structure`] },
  'component-data': { tables: [`${R}message-component-data-structure`], nested: { resolved: 'resolved' } },
  'modal-data': { tables: [`${R}modal-submit-data-structure`], nested: { resolved: 'resolved' } },
  message: {
    tables: [`${M}message-object-message-structure`],
    nested: {
      author: 'user',
      mentions: 'user',
      embeds: 'embed',
      attachments: 'attachment',
      reactions: 'reaction',
      thread: 'channel',
      interaction_metadata: (m) => {
        const type = (m.interaction_metadata as { type?: number } | undefined)?.type;
        return type === 3 ? 'component-metadata' : type === 5 ? 'modal-metadata' : 'command-metadata';
      },
    },
  },
  'message-create': {
    tables: [`${M}message-object-message-structure`, `${GE}message-create-message-create-extra-fields`],
    nested: {
      author: 'user',
      mentions: 'user',
      embeds: 'embed',
      attachments: 'attachment',
      member: 'partial-member',
    },
  },
  'command-metadata': {
    tables: [`${M}message-interaction-metadata-object-application-command-interaction-metadata-structure`],
    nested: { user: 'user' },
  },
  'component-metadata': {
    tables: [`${M}message-interaction-metadata-object-message-component-interaction-metadata-structure`],
    nested: { user: 'user' },
  },
  'modal-metadata': {
    tables: [`${M}message-interaction-metadata-object-modal-submit-interaction-metadata-structure`],
    nested: { user: 'user' },
  },
  embed: {
    tables: [`${M}embed-object-embed-structure`],
    nested: {
      image: 'embed-image',
      thumbnail: 'embed-image',
      author: 'embed-author',
      footer: 'embed-footer',
      fields: 'embed-field',
    },
  },
  'embed-image': { tables: [`${M}embed-object-embed-image-structure`] },
  'embed-author': { tables: [`${M}embed-object-embed-author-structure`] },
  'embed-footer': { tables: [`${M}embed-object-embed-footer-structure`] },
  'embed-field': { tables: [`${M}embed-object-embed-field-structure`] },
  attachment: { tables: [`${M}attachment-object-attachment-structure`] },
  reaction: {
    tables: [`${M}reaction-object-reaction-structure`],
    nested: { emoji: 'partial-emoji', count_details: 'reaction-counts' },
  },
  'reaction-counts': { tables: [`${M}reaction-count-details-object-reaction-count-details-structure`] },
  channel: {
    tables: [`${C}channel-object-channel-structure`],
    nested: { permission_overwrites: 'overwrite', thread_metadata: 'thread-metadata', recipients: 'user' },
  },
  'partial-channel': {
    tables: [`${C}channel-object-channel-structure`],
    partial: true,
    nested: { permission_overwrites: 'overwrite', thread_metadata: 'thread-metadata' },
  },
  overwrite: { tables: [`${C}overwrite-object-overwrite-structure`] },
  'thread-metadata': { tables: [`${C}thread-metadata-object-thread-metadata-structure`] },
  guild: { tables: [`${G}guild-object-guild-structure`], nested: { roles: 'role', emojis: 'emoji' } },
  'partial-guild': { tables: [`${G}guild-object-guild-structure`], partial: true },
  'guild-create': {
    tables: [`${G}guild-object-guild-structure`, `${GE}guild-create-guild-create-extra-fields`],
    nested: { roles: 'role', emojis: 'emoji', members: 'member', channels: 'channel', threads: 'channel' },
  },
  member: { tables: [`${G}guild-member-object-guild-member-structure`], nested: { user: 'user' } },
  'partial-member': { tables: [`${G}guild-member-object-guild-member-structure`], partial: true },
  user: { tables: ['developers/resources/user.mdx#user-object-user-structure'] },
  role: {
    tables: ['developers/topics/permissions.mdx#role-object-role-structure'],
    nested: { tags: 'role-tags' },
  },
  'role-tags': { tables: ['developers/topics/permissions.mdx#role-object-role-tags-structure'] },
  emoji: {
    tables: ['developers/resources/emoji.mdx#emoji-object-emoji-structure'],
    nested: { user: 'user' },
  },
  'partial-emoji': { tables: ['developers/resources/emoji.mdx#emoji-object-emoji-structure'], partial: true },
  'partial-application': {
    tables: ['developers/resources/application.mdx#application-object-application-structure'],
    partial: true,
  },
  ready: {
    tables: [`${GE}ready-ready-event-fields`],
    nested: { user: 'user', application: 'partial-application' },
  },
  'message-delete': { tables: [`${GE}message-delete-message-delete-event-fields`] },
  'reaction-add': {
    tables: [`${GE}message-reaction-add-message-reaction-add-event-fields`],
    nested: { member: 'member', emoji: 'partial-emoji' },
  },
  'reaction-remove': {
    tables: [`${GE}message-reaction-remove-message-reaction-remove-event-fields`],
    nested: { emoji: 'partial-emoji' },
  },
  'thread-member-update': {
    tables: [
      `${C}thread-member-object-thread-member-structure`,
      `${GE}thread-member-update-thread-member-update-event-extra-fields`,
    ],
    nested: { member: 'member' },
  },
  'members-chunk': {
    tables: [`${GE}guild-members-chunk-guild-members-chunk-event-fields`],
    nested: { members: 'member' },
  },
};

/** JSON types a docs type names, where it names one (flags and unions are not judged). */
function expectedType(type: string): string | undefined {
  if (/^(array|list) of/.test(type) || type === 'array') return 'array';
  if (type === 'snowflake' || type === 'string' || type === 'ISO8601 timestamp') return 'string';
  // Enums the tables name "<x> type" (interaction type, interaction context type) are integers.
  if (type === 'integer' || type === 'int' || type === 'float' || / type$/.test(type)) return 'number';
  // "… object", "Map of Snowflakes to …", "dictionary with keys of …": JSON objects.
  if (type === 'object' || / object$/.test(type) || /^(Map of|dictionary)/.test(type)) return 'object';
  if (type === 'boolean') return 'boolean';
  return undefined;
}

export interface ShapeOptions {
  /** `<shape>.<field>` → why our payload may differ from the table there. */
  allow?: Readonly<Record<string, string>>;
}

/** Compares a payload with a shape's tables, following nested shapes. */
export function compareWithDocs(
  value: unknown,
  shape: string,
  where: string,
  options: ShapeOptions = {},
): Problem[] {
  const def = SHAPES[shape];
  if (!def) throw new Error(`no shape ${shape}`);
  if (jsonType(value) !== 'object')
    return [{ where, message: `is not an object (${shape})`, source: def.tables[0] ?? '' }];
  const record = value as Record<string, unknown>;
  const fields = new Map<string, { field: DocField; table: string }>();
  for (const table of def.tables) {
    const rows = TABLES[table];
    if (!rows) throw new Error(`no table ${table}`);
    for (const [name, field] of Object.entries(rows)) fields.set(name, { field, table });
  }
  const problems: Problem[] = [];
  const add = (name: string, message: string, source: string) => {
    if (options.allow?.[`${shape}.${name}`] === undefined)
      problems.push({ where: `${where}.${name}`, message, source });
  };
  for (const name of Object.keys(record))
    if (!fields.has(name)) add(name, `is not a documented field of ${shape}`, def.tables.join(' + '));
  for (const [name, { field, table }] of fields) {
    const v = record[name];
    if (!(name in record)) {
      if (!field.optional && !def.partial) add(name, 'is missing; the docs list it as always present', table);
      continue;
    }
    if (v === null) {
      if (!field.nullable) add(name, 'is null; the docs do not list it as nullable', table);
      continue;
    }
    const expected = expectedType(field.type);
    if (expected && jsonType(v) !== expected)
      add(name, `is ${jsonType(v)}; the docs say ${field.type}`, table);
    const next = def.nested?.[name];
    const nestedShape = typeof next === 'function' ? next(record) : next;
    if (!nestedShape) continue;
    const items = Array.isArray(v) ? v : [v];
    items.forEach((item, i) => {
      const at = Array.isArray(v) ? `${where}.${name}[${i}]` : `${where}.${name}`;
      problems.push(...compareWithDocs(item, nestedShape, at, options));
    });
  }
  return problems;
}

/**
 * Discord's documented message limits that the OpenAPI spec does not carry (or carries differently).
 * The rest (title 256, description 4,096, 25 fields, field name 256 / value 1,024, footer 2,048, author
 * 256, ≤ 10 embeds, custom_id ≤ 100, ≤ 25 select options, ≤ 5 buttons per row, modal title 45…) are
 * maxLength / maxItems in the spec's schemas and fail there.
 */
import type { Problem } from './problem.js';

const DOCS = 'discord-api-docs developers/';
type Json = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' ? v.trim().length : 0);

/** The message a bot request carries: the body, or an interaction callback's `data` (types 4 and 7). */
export function messageOf(method: string, route: string, body: unknown): Json | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Json;
  if (route.endsWith('/callback'))
    return b.type === 4 || b.type === 7 ? (b.data as Json | undefined) : undefined;
  const carriesMessage = /\/messages(\/|$)|\/webhooks\//.test(route) && method !== 'DELETE';
  return carriesMessage && !/\/threads$/.test(route) ? b : undefined;
}

export function checkMessageLimits(message: Json, where: string): Problem[] {
  const problems: Problem[] = [];
  // resources/message.mdx, Create Message and Edit Message JSON params: "Message contents (up to 2000
  // characters)". The spec's MessageCreateRequest says maxLength 4000; its README says follow the docs.
  if (typeof message.content === 'string' && message.content.length > 2000)
    problems.push({
      where: `${where}.content`,
      message: `has ${message.content.length} characters (limit 2,000)`,
      source: `${DOCS}resources/message.mdx#create-message-json/form-params`,
    });
  // resources/message.mdx "Embed Limits": title + description + field names and values + footer text +
  // author name, across all embeds of a message, ≤ 6,000 characters (whitespace trimmed).
  const embeds = Array.isArray(message.embeds) ? (message.embeds as Json[]) : [];
  const total = embeds.reduce((sum, e) => {
    const fields = Array.isArray(e.fields) ? (e.fields as Json[]) : [];
    return (
      sum +
      text(e.title) +
      text(e.description) +
      text((e.footer as Json | undefined)?.text) +
      text((e.author as Json | undefined)?.name) +
      fields.reduce((n, f) => n + text(f.name) + text(f.value), 0)
    );
  }, 0);
  if (total > 6000)
    problems.push({
      where: `${where}.embeds`,
      message: `hold ${total} characters in all (limit 6,000)`,
      source: `${DOCS}resources/message.mdx#embed-object-embed-limits`,
    });
  // components/reference.mdx "Legacy messages allow up to 5 action rows as top-level components" (the
  // spec's maxItems 40 is for IS_COMPONENTS_V2 messages, flag 1 << 15, which the bot does not send).
  const components = Array.isArray(message.components) ? (message.components as Json[]) : [];
  const v2 = typeof message.flags === 'number' && (message.flags & (1 << 15)) !== 0;
  if (!v2 && components.length > 5)
    problems.push({
      where: `${where}.components`,
      message: `has ${components.length} action rows (limit 5)`,
      source: `${DOCS}components/reference.mdx "Legacy Message Component Behavior"`,
    });
  // components/reference.mdx Button: "Non-link and non-premium buttons must have a custom_id"; the spec
  // leaves custom_id optional on every button (link buttons, style 5, and premium ones, style 6, lack it).
  components.forEach((row, i) => {
    const children = Array.isArray(row.components) ? (row.components as Json[]) : [];
    children.forEach((c, j) => {
      if (c.type === 2 && c.style !== 5 && c.style !== 6 && typeof c.custom_id !== 'string')
        problems.push({
          where: `${where}.components[${i}].components[${j}]`,
          message: 'is a button without a custom_id',
          source: `${DOCS}components/reference.mdx#button`,
        });
    });
  });
  return problems;
}

/** Text helpers for Block Kit: Slack reads `&`, `<` and `>` as markup (links, mentions), so user text is escaped. */

export const escapeMrkdwn = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What Slack shows for escaped text (also how slash-command text arrives). */
export const unescapeMrkdwn = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export const truncate = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;

/** Escapes, then shortens the raw text until the escaped form fits (an entity is never cut in half). */
export function escapeWithin(text: string, max: number): string {
  let escaped = escapeMrkdwn(text);
  let keep = text.length;
  while (escaped.length > max && keep > 0) {
    keep = Math.max(0, Math.min(keep - 1, Math.floor((keep * max) / escaped.length)));
    escaped = escapeMrkdwn(truncate(text, keep));
  }
  return escaped;
}

export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

export const plainText = (text: string, max: number) => ({
  type: 'plain_text' as const,
  text: truncate(text, max),
  emoji: true,
});

/** Slack's localized date: readers see it in their own time zone. */
export const slackDate = (ms: number): string =>
  `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC>`;

/** A link whose label is user-visible text. */
export const link = (url: string, label: string): string =>
  `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(label)}>`;

/**
 * Text helpers for Block Kit. Slack reads `&`, `<` and `>` as markup (links `<url|text>`, mentions `<@U…>`,
 * `<!channel>`), so user text goes through escapeMrkdwn, the one escape for Slack
 * (https://api.slack.com/reference/surfaces/formatting#escaping); `*`, `_`, `~` and backticks only style text.
 */

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

/**
 * A mrkdwn text object. `verbatim: true` turns off Slack's own parsing of plain text (URLs made links,
 * channel names linked, some mentions parsed: https://docs.slack.dev/reference/block-kit/composition-objects/text-object),
 * so user text that escapeMrkdwn left as text stays text; the bot's own `<@U…>`, `<!date…>` and `<url|label>`
 * are still read. Nothing the bot writes relies on that parsing.
 */
export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text, verbatim: true });

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

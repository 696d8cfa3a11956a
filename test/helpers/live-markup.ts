/**
 * Finds markup a chat client would make live in text the bot sends: the checks behind "user text is shown
 * as typed" in the render contract and the end-to-end tests. Each returns a list of findings, empty when
 * nothing is live.
 */

/** Discord drops a backslash before any character that is not a letter, digit or space, and shows it as typed. */
const DISCORD_ESCAPABLE = /[^0-9A-Za-z\s]/;

/** For each character: does Discord read it as itself (true) or was it escaped (false)? */
function discordActive(text: string): boolean[] {
  const active = new Array<boolean>(text.length).fill(true);
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length && DISCORD_ESCAPABLE.test(text[i + 1]!)) {
      active[i] = false;
      active[i + 1] = false;
      i++;
    }
  }
  return active;
}

/**
 * Live markdown in a Discord text that renders it (content, embed description, field value): masked links,
 * mentions and other `<…>` tokens, @everyone/@here, headings and subtext at a line start (after a quote).
 * https://support.discord.com/hc/en-us/articles/210298617 (Markdown Text 101).
 */
export function discordLiveMarkup(text: string): string[] {
  const active = discordActive(text);
  const found: string[] = [];
  const at = (i: number) => active[i] === true;
  for (let i = 0; i < text.length; i++) {
    if (!at(i)) continue;
    const rest = text.slice(i);
    if (text[i] === '[' && /^\[[^\]\n]*\]\(/.test(rest)) found.push(`masked link: ${rest.slice(0, 40)}`);
    if (text[i] === '<' && /^<(?:@|#|:|a:|t:|https?:|\/[^>]*:\d+>)/.test(rest))
      found.push(`<…> token: ${rest.slice(0, 20)}`);
    if (text[i] === '@' && /^@(?:everyone|here)\b/.test(rest))
      found.push(`mass mention: ${rest.slice(0, 9)}`);
  }
  let offset = 0;
  for (const line of text.split('\n')) {
    // A quote the bot put there on purpose ("> user text") is skipped; what follows is the user's line.
    const quote = /^(?:>>>|>) /.exec(line)?.[0].length ?? 0;
    const start = offset + quote;
    const body = line.slice(quote);
    if (/^#{1,3} /.test(body) && at(start)) found.push(`heading: ${body.slice(0, 20)}`);
    if (/^-# /.test(body) && at(start)) found.push(`subtext: ${body.slice(0, 20)}`);
    offset += line.length + 1;
  }
  return found;
}

/** A Block Kit text object as sent. */
export interface SlackTextObject {
  type: string;
  text: string;
  verbatim?: boolean;
}

/**
 * Live markup in a Slack mrkdwn text object: auto-parsing left on (without `verbatim: true` Slack links
 * URLs and channel names and parses some mentions by itself,
 * https://docs.slack.dev/reference/block-kit/composition-objects/text-object), and `<…>` control
 * sequences (links, mentions, <!channel>) other than the ones the bot means (`allowed`).
 */
export function slackLiveMarkup(object: SlackTextObject, allowed: readonly RegExp[] = []): string[] {
  if (object.type !== 'mrkdwn') return [];
  const found: string[] = [];
  if (object.verbatim !== true) found.push(`auto-parsing on: ${object.text.slice(0, 40)}`);
  for (const token of object.text.match(/<[^<>]*>/g) ?? [])
    if (!allowed.some((re) => re.test(token))) found.push(`control sequence: ${token.slice(0, 40)}`);
  return found;
}

/** Every text object inside Block Kit blocks. */
export function slackTextObjects(blocks: unknown): SlackTextObject[] {
  const out: SlackTextObject[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const node = v as Record<string, unknown>;
      if ((node.type === 'mrkdwn' || node.type === 'plain_text') && typeof node.text === 'string')
        out.push(node as unknown as SlackTextObject);
      for (const child of Object.values(node)) walk(child);
    }
  };
  walk(blocks);
  return out;
}

// Discord markdown and Slack mrkdwn, rendered straight to DOM nodes (never through HTML strings).
import { h, link } from './dom.js';

const URL_TAIL = /[.,:;!?"')\]]+$/;

/** Rules tried where a special character starts; each returns [node, consumed length] or undefined. */
function parseInline(text, rules, decode) {
  const out = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push(decode(plain));
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    let hit;
    if (/[`*_~[<h:|\\]/.test(text[i])) {
      const rest = text.slice(i);
      for (const rule of rules) {
        const m = rule.re.exec(rest);
        if (m && (!rule.check || rule.check(text, i))) {
          hit = [rule.make(m), m[0].length];
          break;
        }
      }
    }
    if (hit) {
      flush();
      out.push(hit[0]);
      i += hit[1];
    } else {
      plain += text[i];
      i += 1;
    }
  }
  flush();
  return out;
}

function bareUrl(m) {
  const url = m[0].replace(URL_TAIL, '');
  return [link(url, url), url.length];
}

// ── Discord ──────────────────────────────────────────────────────────────────────────────────────

/** ctx: { user(id) → name, channel(id) → name } */
export function discordMarkdown(text, ctx = {}) {
  const inline = (t) => parseInline(t, discordRules, (s) => s);
  const discordRules = [
    // A backslash makes the next markdown character literal (discord.js escapeMarkdown writes these).
    { re: /^\\([^A-Za-z0-9\s])/, make: (m) => m[1] },
    { re: /^`([^`\n]+)`/, make: (m) => h('code', { text: m[1] }) },
    { re: /^\*\*([\s\S]+?)\*\*/, make: (m) => h('strong', {}, inline(m[1])) },
    { re: /^__([\s\S]+?)__/, make: (m) => h('u', {}, inline(m[1])) },
    { re: /^\*([^*\n]+?)\*/, make: (m) => h('em', {}, inline(m[1])) },
    { re: /^_([^_\n]+?)_(?![A-Za-z0-9])/, make: (m) => h('em', {}, inline(m[1])), check: wordStart },
    { re: /^~~([\s\S]+?)~~/, make: (m) => h('s', {}, inline(m[1])) },
    { re: /^\|\|([\s\S]+?)\|\|/, make: (m) => h('span', { class: 'spoiler' }, inline(m[1])) },
    { re: /^\[([^\]\n]+)\]\(<?(https?:\/\/[^)\s>]+)>?\)/, make: (m) => link(m[2], inline(m[1])) },
    { re: /^<(https?:\/\/[^>\s]+)>/, make: (m) => link(m[1], m[1]) },
    { re: /^<@!?(\d+)>/, make: (m) => h('span', { class: 'mention', text: `@${ctx.user?.(m[1]) ?? m[1]}` }) },
    {
      re: /^<#(\d+)>/,
      make: (m) => h('span', { class: 'mention', text: `#${ctx.channel?.(m[1]) ?? m[1]}` }),
    },
    {
      re: /^<t:(-?\d+)(?::([tTdDfFR]))?>/,
      make: (m) => h('span', { class: 'timestamp', text: new Date(Number(m[1]) * 1000).toLocaleString() }),
    },
  ];
  const urlRule = { re: /^https?:\/\/[^\s<]+/, make: (m) => bareUrl(m)[0] };
  discordRules.push(urlRule);
  return blocks(text, inline, { quote: /^>>?>? ?/, heading: true });
}

const wordStart = (text, i) => i === 0 || !/[A-Za-z0-9]/.test(text[i - 1]);

// ── Slack ────────────────────────────────────────────────────────────────────────────────────────

const EMOJI = {
  repeat: '🔁',
  white_check_mark: '✅',
  x: '❌',
  no_entry_sign: '🚫',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  art: '🎨',
  frame_with_picture: '🖼️',
  sparkles: '✨',
  warning: '⚠️',
  floppy_disk: '💾',
  incoming_envelope: '📨',
  thread: '🧵',
  tada: '🎉',
};

export const emojiOf = (name) => EMOJI[name] ?? `:${name}:`;

/** Slack sends &, < and > as entities; in text nodes they become the characters again. */
export const decodeEntities = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** ctx: { user(id) → name, channel(id) → name } */
export function slackMrkdwn(text, ctx = {}) {
  const inline = (t) => parseInline(t, slackRules, decodeEntities);
  const slackRules = [
    { re: /^`([^`\n]+)`/, make: (m) => h('code', { text: decodeEntities(m[1]) }) },
    { re: /^\*([^*\n]+?)\*(?![A-Za-z0-9])/, make: (m) => h('strong', {}, inline(m[1])), check: wordStart },
    { re: /^_([^_\n]+?)_(?![A-Za-z0-9])/, make: (m) => h('em', {}, inline(m[1])), check: wordStart },
    { re: /^~([^~\n]+?)~(?![A-Za-z0-9])/, make: (m) => h('s', {}, inline(m[1])), check: wordStart },
    { re: /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/, make: (m) => mention(`@${ctx.user?.(m[1]) ?? m[1]}`) },
    {
      re: /^<#([CG][A-Z0-9]+)(?:\|([^>]*))?>/,
      make: (m) => mention(`#${m[2] || ctx.channel?.(m[1]) || m[1]}`),
    },
    { re: /^<!(here|channel|everyone)(?:\|[^>]*)?>/, make: (m) => mention(`@${m[1]}`) },
    // <!date^1700000000^{date_short_pretty} {time}|fallback>: shown in the reader's time zone.
    {
      re: /^<!date\^(\d+)\^[^>|]*(?:\|[^>]*)?>/,
      make: (m) => h('time', { text: new Date(Number(m[1]) * 1000).toLocaleString() }),
    },
    {
      re: /^<((?:https?|mailto):[^|>\s]+)(?:\|([^>]+))?>/,
      make: (m) => link(decodeEntities(m[1]), decodeEntities(m[2] ?? m[1])),
    },
    { re: /^:([a-z0-9_+-]+):/, make: (m) => emojiOf(m[1]) },
    { re: /^https?:\/\/[^\s<]+/, make: (m) => bareUrl(m)[0] },
  ];
  return blocks(text, inline, { quote: /^(?:>|&gt;) ?/, heading: false });
}

const mention = (text) => h('span', { class: 'mention', text });

// ── shared block level: code fences, quotes, headings, lines ─────────────────────────────────────

function blocks(text, inline, options) {
  const frag = document.createDocumentFragment();
  const parts = String(text ?? '').split(/```/);
  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      frag.append(h('pre', {}, h('code', { text: part.replace(/^[a-z]*\n/, '') })));
      return;
    }
    const lines = part.split('\n');
    // A fence's own newline is not an empty line.
    if (index > 0 && lines[0] === '') lines.shift();
    if (index < parts.length - 1 && lines.at(-1) === '') lines.pop();
    let quote;
    lines.forEach((line, n) => {
      const q = options.quote.exec(line);
      if (q) {
        quote ??= frag.appendChild(h('blockquote'));
        if (quote.childNodes.length > 0) quote.append(h('br'));
        quote.append(...inline(line.slice(q[0].length)));
        return;
      }
      quote = undefined;
      const heading = options.heading && /^(#{1,3}) (.+)$/.exec(line);
      const sub = options.heading && /^-# (.+)$/.exec(line);
      if (heading) frag.append(h(`h${heading[1].length + 2}`, { class: 'md-h' }, inline(heading[2])));
      else if (sub) frag.append(h('div', { class: 'md-sub' }, inline(sub[1])));
      else {
        frag.append(...inline(line));
        if (n < lines.length - 1) frag.append(h('br'));
      }
    });
  });
  return frag;
}

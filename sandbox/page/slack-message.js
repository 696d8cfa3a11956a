// One Slack message (or ephemeral): author, text or blocks, files, reactions, hover 🔁.
import { avatar, h, link } from './dom.js';
import { emojiOf, slackMrkdwn } from './markdown.js';
import { renderBlocks } from './slack-blocks.js';

export const tsTime = (ts) => new Date(Number(String(ts).split('.')[0]) * 1000);

/**
 * ctx: { me, md, userName(id), fileUrl(id), action(message, block, element, extra), react(message, name, add) }
 * `ephemeral` marks a message only `me` sees.
 */
export function renderSlackMessage(m, ctx, ephemeral = false) {
  const isBot = Boolean(m.bot_id) || m.user === ctx.botUserId;
  const name = isBot ? 'atelier' : (ctx.userName(m.user) ?? m.user);
  const blockCtx = {
    md: ctx.md,
    fileUrl: ctx.fileUrl,
    action: (b, e, extra) => ctx.action(m, b, e, extra, ephemeral),
  };
  const body =
    m.blocks?.length > 0
      ? renderBlocks(m.blocks, blockCtx)
      : h('div', { class: 'sb-text' }, slackMrkdwn(m.text ?? '', ctx.md));
  return h(
    'article',
    { class: ['smsg', ephemeral && 'ephemeral'], dataset: { ts: m.ts, author: isBot ? 'bot' : 'user' } },
    avatar(name, isBot),
    h(
      'div',
      { class: 'smsg-main' },
      h(
        'header',
        {},
        h('span', { class: 'sname', text: name }),
        isBot ? h('span', { class: 'stag', text: 'APP' }) : null,
        h('time', { text: tsTime(m.ts).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' }) }),
        m.edited ? h('span', { class: 'edited', text: '(edited)' }) : null,
      ),
      ephemeral ? h('div', { class: 'only-you' }, '👁 Only visible to you') : null,
      body,
      files(m.files ?? [], ctx),
      reactions(m, ctx),
    ),
    ephemeral
      ? null
      : h(
          'div',
          { class: 'hover-actions' },
          h('button', {
            type: 'button',
            class: 'react-reroll',
            title: 'Add reaction :repeat:',
            'aria-label': 'React with 🔁',
            text: '🔁',
            onclick: () => ctx.react(m, 'repeat', true),
          }),
        ),
  );
}

function files(list, ctx) {
  if (list.length === 0) return null;
  return h(
    'div',
    { class: 'sfiles' },
    list.map((f) => {
      const url = f.id ? ctx.fileUrl(f.id) : undefined;
      if (url && String(f.mimetype ?? '').startsWith('image/'))
        return h(
          'a',
          { href: url, target: '_blank', rel: 'noopener' },
          h('img', { class: 'sfile-image', src: url, alt: f.title ?? f.name ?? 'image', loading: 'lazy' }),
        );
      return h('div', { class: 'file' }, '📎 ', link(url, f.name ?? 'file'));
    }),
  );
}

function reactions(m, ctx) {
  const list = (m.reactions ?? []).filter((r) => r.count > 0);
  if (list.length === 0) return null;
  return h(
    'div',
    { class: 'reactions' },
    list.map((r) => {
      const mine = r.users?.includes(ctx.me());
      return h(
        'button',
        {
          type: 'button',
          class: ['reaction', mine && 'mine'],
          title: (r.users ?? []).map((u) => ctx.userName(u) ?? u).join(', '),
          'aria-pressed': mine ? 'true' : 'false',
          onclick: () => ctx.react(m, r.name, !mine),
        },
        emojiOf(r.name),
        h('span', { class: 'count', text: String(r.count) }),
      );
    }),
  );
}

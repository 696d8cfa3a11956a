// One Discord message as the Discord client draws it: author, content, embeds, attachments, components,
// reactions, the "only you can see this" line of ephemeral replies, and the "thinking…" of deferrals.
import { renderComponents } from './discord-components.js';
import { append, avatar, h, link, safeUrl, timeOf } from './dom.js';
import { discordMarkdown } from './markdown.js';

const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;
const IMAGE = /\.(png|jpe?g|gif|webp)$/i;

/** ctx: { me, md, react(message, emoji, add), component handlers (see discord-components.js), reactions(id) } */
export function renderDiscordMessage(message, ctx) {
  const author = message.author ?? {};
  const name = author.global_name ?? author.username ?? 'unknown';
  const flags = message.flags ?? 0;
  const meta = message.interaction_metadata;
  return h(
    'article',
    {
      class: ['dmsg', flags & EPHEMERAL && 'ephemeral'],
      dataset: { id: message.id, author: author.bot ? 'bot' : 'user' },
    },
    meta && meta.type === 2
      ? h(
          'div',
          { class: 'dmsg-meta' },
          `${ctx.userName(meta.user?.id) ?? 'someone'} used `,
          commandName(meta, ctx),
        )
      : null,
    message.referenced_message ? renderReference(message.referenced_message, ctx) : null,
    h(
      'div',
      { class: 'dmsg-row' },
      avatar(name, author.bot),
      h(
        'div',
        { class: 'dmsg-main' },
        h(
          'header',
          {},
          h('span', { class: 'dname', text: name }),
          author.bot ? h('span', { class: 'dtag', text: 'APP' }) : null,
          h('time', { text: timeOf(message.timestamp), datetime: message.timestamp }),
          message.edited_timestamp ? h('span', { class: 'edited', text: '(edited)' }) : null,
        ),
        flags & LOADING
          ? h('div', { class: 'thinking' }, `${name} is thinking`, h('span', { class: 'dots', text: '…' }))
          : null,
        message.content ? h('div', { class: 'dcontent' }, discordMarkdown(message.content, ctx.md)) : null,
        (message.embeds ?? []).map((embed) => renderEmbed(embed, ctx)),
        renderAttachments(unembedded(message)),
        renderComponents(message, ctx),
        renderReactions(message, ctx),
        flags & EPHEMERAL
          ? h(
              'div',
              { class: 'only-you' },
              '👁 Only you can see this • ',
              h('button', {
                type: 'button',
                class: 'dismiss',
                text: 'Dismiss message',
                onclick: () => ctx.dismiss(message.id),
              }),
            )
          : null,
      ),
    ),
    h(
      'div',
      { class: 'hover-actions' },
      h('button', {
        type: 'button',
        class: 'react-reroll',
        title: 'React with 🔁',
        'aria-label': 'React with 🔁',
        text: '🔁',
        onclick: () => ctx.react(message, '🔁', true),
      }),
    ),
  );
}

function commandName(meta, ctx) {
  const name = meta.name ?? ctx.commandName(meta.id);
  return h('span', { class: 'cmd', text: name ? `/${name}` : 'a command' });
}

function renderReference(ref, ctx) {
  const name = ref.author?.global_name ?? ref.author?.username ?? '';
  const summary = ref.content || ref.embeds?.[0]?.title || ref.embeds?.[0]?.description || 'a message';
  return h(
    'button',
    { type: 'button', class: 'dref', onclick: () => ctx.scrollTo(ref.id), title: 'Go to the original' },
    h('span', { class: 'dref-name', text: `@${name}` }),
    h('span', { class: 'dref-text', text: String(summary).slice(0, 120) }),
  );
}

function renderEmbed(embed, ctx) {
  const bar = h('div', { class: 'embed' });
  if (typeof embed.color === 'number')
    bar.style.borderLeftColor = `#${embed.color.toString(16).padStart(6, '0')}`;
  const image = safeUrl(embed.image?.url);
  const thumb = safeUrl(embed.thumbnail?.url);
  append(bar, [
    h(
      'div',
      { class: 'embed-body' },
      embed.author?.name ? h('div', { class: 'embed-author', text: embed.author.name }) : null,
      embed.title
        ? h(
            'div',
            { class: 'embed-title' },
            embed.url
              ? link(embed.url, discordMarkdown(embed.title, ctx.md))
              : discordMarkdown(embed.title, ctx.md),
          )
        : null,
      embed.description
        ? h('div', { class: 'embed-desc' }, discordMarkdown(embed.description, ctx.md))
        : null,
      embed.fields?.length
        ? h(
            'div',
            { class: 'embed-fields' },
            embed.fields.map((f) =>
              h(
                'div',
                { class: ['embed-field', f.inline && 'inline'] },
                h('div', { class: 'field-name' }, discordMarkdown(f.name, ctx.md)),
                h('div', { class: 'field-value' }, discordMarkdown(f.value, ctx.md)),
              ),
            ),
          )
        : null,
      image
        ? h(
            'a',
            { href: image, target: '_blank', rel: 'noopener' },
            h('img', { class: 'embed-image', src: image, alt: embed.title ?? 'image', loading: 'lazy' }),
          )
        : null,
      embed.footer?.text || embed.timestamp
        ? h(
            'div',
            { class: 'embed-footer' },
            embed.footer?.text ?? '',
            embed.footer?.text && embed.timestamp ? ' • ' : '',
            embed.timestamp ? new Date(embed.timestamp).toLocaleString() : '',
          )
        : null,
    ),
    thumb ? h('img', { class: 'embed-thumb', src: thumb, alt: '' }) : null,
  ]);
  return bar;
}

/** Discord does not show an attachment again when an embed displays it (attachment://name). */
function unembedded(message) {
  const shown = new Set(
    (message.embeds ?? []).flatMap((e) => [e.image?.url, e.thumbnail?.url]).filter(Boolean),
  );
  return (message.attachments ?? []).filter((a) => !shown.has(a.url));
}

function renderAttachments(attachments) {
  if (attachments.length === 0) return null;
  return h(
    'div',
    { class: 'attachments' },
    attachments.map((a) => {
      const url = safeUrl(a.url);
      const isImage = String(a.content_type ?? '').startsWith('image/') || IMAGE.test(a.filename ?? '');
      if (url && isImage)
        return h(
          'a',
          { href: url, target: '_blank', rel: 'noopener' },
          h('img', { class: 'attachment-image', src: url, alt: a.filename ?? 'image', loading: 'lazy' }),
        );
      return h(
        'div',
        { class: 'file' },
        '📎 ',
        link(url, a.filename ?? 'file'),
        ` ${Math.round((a.size ?? 0) / 1024)} KB`,
      );
    }),
  );
}

function renderReactions(message, ctx) {
  const list = ctx.reactions(message);
  if (list.length === 0) return null;
  return h(
    'div',
    { class: 'reactions' },
    list.map((r) =>
      h(
        'button',
        {
          type: 'button',
          class: ['reaction', r.mine && 'mine'],
          title: r.mine ? 'Remove your reaction' : 'React',
          'aria-pressed': r.mine ? 'true' : 'false',
          onclick: () => ctx.react(message, r.emoji, !r.mine),
        },
        r.emoji,
        h('span', { class: 'count', text: String(r.count) }),
      ),
    ),
  );
}

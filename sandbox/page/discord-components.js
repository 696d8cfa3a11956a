// Message components, usable: buttons go through the emulator's clickButton, selects through selectMenu.
// Also the display components of Components v2 (text, sections, media galleries, containers).
import { h, link, safeUrl } from './dom.js';
import { discordMarkdown } from './markdown.js';

const BUTTON_STYLES = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'danger', 5: 'link', 6: 'premium' };

/** ctx: { clickButton(message, customId), selectMenu(message, customId, values), md } */
export function renderComponents(message, ctx) {
  const components = message.components ?? [];
  if (components.length === 0) return null;
  return h(
    'div',
    { class: 'components' },
    components.map((c) => component(c, message, ctx)),
  );
}

function component(c, message, ctx) {
  switch (c.type) {
    case 1:
      return h(
        'div',
        { class: 'action-row' },
        (c.components ?? []).map((child) => component(child, message, ctx)),
      );
    case 2:
      return button(c, message, ctx);
    case 3:
      return stringSelect(c, message, ctx);
    case 5:
    case 6:
    case 7:
    case 8:
      return h(
        'select',
        { class: 'dselect', disabled: true },
        h('option', { text: c.placeholder ?? 'Select…' }),
      );
    case 9:
      return h(
        'div',
        { class: 'v2-section' },
        h(
          'div',
          {},
          (c.components ?? []).map((child) => component(child, message, ctx)),
        ),
        c.accessory ? component(c.accessory, message, ctx) : null,
      );
    case 10:
      return h('div', { class: 'v2-text' }, discordMarkdown(c.content ?? '', ctx.md));
    case 11: {
      const url = safeUrl(c.media?.url);
      return url ? h('img', { class: 'v2-thumb', src: url, alt: c.description ?? '' }) : null;
    }
    case 12:
      return h(
        'div',
        { class: 'v2-gallery' },
        (c.items ?? []).map((item) => {
          const url = safeUrl(item.media?.url);
          return url
            ? h('img', { class: 'attachment-image', src: url, alt: item.description ?? 'image' })
            : null;
        }),
      );
    case 14:
      return h('hr', { class: 'v2-sep' });
    case 17: {
      const box = h(
        'div',
        { class: 'v2-container' },
        (c.components ?? []).map((child) => component(child, message, ctx)),
      );
      if (typeof c.accent_color === 'number')
        box.style.borderLeftColor = `#${c.accent_color.toString(16).padStart(6, '0')}`;
      return box;
    }
    default:
      return null;
  }
}

function button(c, message, ctx) {
  const style = BUTTON_STYLES[c.style] ?? 'secondary';
  const label = [c.emoji?.name, c.label].filter(Boolean).join(' ');
  if (c.style === 5) {
    const el = link(c.url, label || 'Open', ' ↗');
    el.classList.add('dbutton', 'link');
    return el;
  }
  return h('button', {
    type: 'button',
    class: ['dbutton', style],
    disabled: Boolean(c.disabled),
    dataset: { customId: c.custom_id },
    text: label || '…',
    onclick: (event) => {
      const el = event.currentTarget;
      el.disabled = true;
      ctx.clickButton(message, c.custom_id).finally(() => {
        el.disabled = Boolean(c.disabled);
      });
    },
  });
}

function stringSelect(c, message, ctx) {
  const multiple = (c.max_values ?? 1) > 1;
  const select = h(
    'select',
    {
      class: 'dselect',
      disabled: Boolean(c.disabled),
      multiple,
      dataset: { customId: c.custom_id },
      'aria-label': c.placeholder ?? c.custom_id,
    },
    multiple
      ? null
      : h('option', { value: '', text: c.placeholder ?? 'Make a selection', disabled: true, selected: true }),
    (c.options ?? []).map((o) =>
      h('option', {
        value: o.value,
        text:
          [o.emoji?.name, o.label].filter(Boolean).join(' ') + (o.description ? ` — ${o.description}` : ''),
        selected: Boolean(o.default),
      }),
    ),
  );
  const send = () => {
    const values = [...select.selectedOptions].map((o) => o.value).filter(Boolean);
    if (values.length < (c.min_values ?? 1)) return;
    ctx.selectMenu(message, c.custom_id, values);
  };
  if (!multiple) {
    select.addEventListener('change', send);
    return select;
  }
  return h(
    'div',
    { class: 'multi-select' },
    h('div', { class: 'hint', text: c.placeholder ?? `Pick ${c.min_values ?? 1}–${c.max_values}` }),
    select,
    h('button', { type: 'button', class: 'dbutton primary', text: 'Apply', onclick: send }),
  );
}

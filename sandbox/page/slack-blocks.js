// Block Kit as Slack draws it, usable: buttons and selects send block_actions through the emulator.
import { h, link, safeUrl } from './dom.js';
import { slackMrkdwn } from './markdown.js';

/** A text object: mrkdwn formatted, plain_text as is. */
export function textOf(obj, ctx) {
  if (!obj) return null;
  if (typeof obj === 'string') return slackMrkdwn(obj, ctx.md);
  return obj.type === 'mrkdwn'
    ? slackMrkdwn(obj.text ?? '', ctx.md)
    : document.createTextNode(obj.text ?? '');
}

const plain = (obj) => (typeof obj === 'string' ? obj : (obj?.text ?? ''));

/** The URL of an image element or block: image_url, or a Slack file (served by the emulator). */
export function imageUrl(item, ctx) {
  if (item.slack_file?.id) return ctx.fileUrl(item.slack_file.id);
  return safeUrl(item.image_url ?? item.slack_file?.url);
}

/** ctx: { md, fileUrl(id), action(block, element, extra) → Promise, inModal } */
export function renderBlocks(blocks, ctx) {
  return h(
    'div',
    { class: 'blocks' },
    (blocks ?? []).map((b) => block(b, ctx)),
  );
}

function block(b, ctx) {
  switch (b.type) {
    case 'section':
      return h(
        'div',
        { class: 'sb-section' },
        h(
          'div',
          { class: 'sb-section-main' },
          b.text ? h('div', { class: 'sb-text' }, textOf(b.text, ctx)) : null,
          b.fields?.length
            ? h(
                'div',
                { class: 'sb-fields' },
                b.fields.map((f) => h('div', { class: 'sb-field' }, textOf(f, ctx))),
              )
            : null,
        ),
        b.accessory ? h('div', { class: 'sb-accessory' }, element(b.accessory, b, ctx)) : null,
      );
    case 'context':
      return h(
        'div',
        { class: 'sb-context' },
        (b.elements ?? []).map((e) =>
          e.type === 'image'
            ? h('img', { class: 'sb-context-img', src: imageUrl(e, ctx), alt: e.alt_text ?? '' })
            : h('span', {}, textOf(e, ctx)),
        ),
      );
    case 'image': {
      const url = imageUrl(b, ctx);
      return h(
        'figure',
        { class: 'sb-image' },
        b.title ? h('figcaption', {}, textOf(b.title, ctx)) : null,
        url
          ? h(
              'a',
              { href: url, target: '_blank', rel: 'noopener' },
              h('img', { src: url, alt: b.alt_text ?? '', loading: 'lazy' }),
            )
          : null,
      );
    }
    case 'actions':
      return h(
        'div',
        { class: 'sb-actions' },
        (b.elements ?? []).map((e) => element(e, b, ctx)),
      );
    case 'divider':
      return h('hr', { class: 'sb-divider' });
    case 'header':
      return h('div', { class: 'sb-header', text: plain(b.text) });
    case 'input':
      return inputBlock(b, ctx);
    case 'rich_text':
      return h('div', { class: 'sb-text', text: flattenRichText(b) });
    default:
      return h('div', { class: 'sb-unknown', text: `[${b.type} block]` });
  }
}

/** A confirm object as one line of dialog text: title, then the question. */
function confirmText(confirm) {
  return [plain(confirm.title), plain(confirm.text)].filter(Boolean).join('\n\n');
}

function element(e, b, ctx) {
  switch (e.type) {
    case 'button': {
      if (e.url) {
        const a = link(e.url, plain(e.text), ' ↗');
        a.classList.add('sbutton', e.style ?? 'default');
        return a;
      }
      return h('button', {
        type: 'button',
        class: ['sbutton', e.style ?? 'default'],
        dataset: { actionId: e.action_id },
        text: plain(e.text),
        onclick: (event) => {
          const el = event.currentTarget;
          // Slack asks first when the button carries a confirm dialog; Cancel sends nothing.
          if (e.confirm && !window.confirm(confirmText(e.confirm))) return;
          el.disabled = true;
          ctx.action(b, e, e.value === undefined ? {} : { value: e.value }).finally(() => {
            el.disabled = false;
          });
        },
      });
    }
    case 'static_select':
    case 'overflow': {
      const select = selectOf(e);
      select.addEventListener('change', () => {
        if (select.value) ctx.action(b, e, { selectedOption: select.value });
      });
      return select;
    }
    case 'image':
      return h('img', { class: 'sb-accessory-img', src: imageUrl(e, ctx), alt: e.alt_text ?? '' });
    default:
      return h('span', { class: 'sb-unknown', text: `[${e.type}]` });
  }
}

/** A <select> for static_select (options or option_groups) and overflow menus. */
export function selectOf(e, extra = {}) {
  const option = (o) =>
    h('option', {
      value: o.value,
      text: plain(o.text),
      selected: e.initial_option?.value === o.value || e.initial_options?.some((i) => i.value === o.value),
    });
  const groups = e.option_groups?.map((g) =>
    h('optgroup', { label: plain(g.label) }, (g.options ?? []).map(option)),
  );
  return h(
    'select',
    {
      class: 'sselect',
      dataset: { actionId: e.action_id },
      'aria-label': plain(e.placeholder) || e.action_id,
      ...extra,
    },
    extra.multiple
      ? null
      : h('option', {
          value: '',
          text: e.type === 'overflow' ? '⋯' : plain(e.placeholder) || 'Select an item',
          selected: !e.initial_option,
        }),
    groups ?? (e.options ?? []).map(option),
  );
}

/** Modal inputs: the control carries data-action-id/data-block-id so the modal can read its value. */
function inputBlock(b, ctx) {
  const e = b.element ?? {};
  let control;
  if (e.type === 'static_select' || e.type === 'multi_static_select') {
    control = selectOf(e, e.type === 'multi_static_select' ? { multiple: true } : {});
  } else if (e.type === 'plain_text_input') {
    const props = {
      class: 'sinput',
      placeholder: plain(e.placeholder),
      maxlength: e.max_length,
      value: e.initial_value ?? '',
    };
    control = e.multiline ? h('textarea', { ...props, rows: 3 }) : h('input', { type: 'text', ...props });
  } else if (e.type === 'number_input') {
    control = h('input', {
      class: 'sinput',
      type: 'number',
      value: e.initial_value ?? '',
      min: e.min_value,
      max: e.max_value,
    });
  } else {
    control = h('span', { class: 'sb-unknown', text: `[${e.type}]` });
  }
  control.dataset.actionId = e.action_id ?? '';
  control.dataset.blockId = b.block_id ?? '';
  control.dataset.input = 'true';
  const error = ctx.errors?.[b.block_id];
  return h(
    'label',
    { class: ['sb-input', error && 'has-error'], dataset: { blockId: b.block_id ?? '' } },
    h(
      'span',
      { class: 'sb-label' },
      plain(b.label),
      b.optional ? h('span', { class: 'optional', text: ' (optional)' }) : null,
    ),
    control,
    b.hint ? h('span', { class: 'hint' }, textOf(b.hint, ctx)) : null,
    error ? h('span', { class: 'sb-error', text: error }) : null,
  );
}

function flattenRichText(b) {
  const walk = (node) => (node.text ?? '') + (node.elements ?? []).map(walk).join('');
  return (b.elements ?? []).map(walk).join('\n');
}

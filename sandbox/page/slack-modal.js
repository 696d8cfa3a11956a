// A Slack modal opened by views.open: its blocks drawn as Slack does, submitted through submitView.
import { h } from './dom.js';
import { openModal } from './modal.js';
import { renderBlocks } from './slack-blocks.js';

const plain = (obj) => (typeof obj === 'string' ? obj : (obj?.text ?? ''));

/**
 * Values as submitView takes them (text, option value, values, or null), keyed by block_id: an input block
 * has one element, and apps often give every element the same action_id.
 */
function readValues(root) {
  const values = {};
  for (const el of root.querySelectorAll('[data-input="true"]')) {
    const id = el.dataset.blockId || el.dataset.actionId;
    if (!id) continue;
    if (el.tagName === 'SELECT' && el.multiple) values[id] = [...el.selectedOptions].map((o) => o.value);
    else values[id] = el.value === '' ? null : el.value;
  }
  return values;
}

/**
 * deps: { ctx (block context: md, fileUrl, action), submit(viewId, values) → result, }
 * Returns a controller: show(view, errors), close().
 */
export function createSlackModal(deps) {
  let open;

  function show(view, errors) {
    // An update or errors keep the person's current picks where the block is unchanged.
    const previous = open ? readValues(open.element) : {};
    open?.close();
    const body = renderBlocks(view.blocks, {
      ...deps.ctx,
      errors,
      action: (b, e, extra) => deps.action(view, b, e, extra),
    });
    for (const el of body.querySelectorAll('[data-input="true"]')) {
      const kept = previous[el.dataset.blockId || el.dataset.actionId];
      if (typeof kept === 'string' && el.tagName !== 'SELECT') el.value = kept;
      if (
        typeof kept === 'string' &&
        el.tagName === 'SELECT' &&
        [...el.options].some((o) => o.value === kept)
      )
        el.value = kept;
    }
    const modal = openModal({
      theme: 'slack',
      title: plain(view.title) || 'App',
      body: h(
        'div',
        { class: 'slack-view', dataset: { viewId: view.id, callbackId: view.callback_id ?? '' } },
        body,
      ),
      submitLabel: view.submit ? plain(view.submit) : null,
      closeLabel: plain(view.close) || 'Cancel',
      submit: async () => {
        const result = await deps.submit(view.id, readValues(modal.element));
        // An empty ack closes the modal; errors, update and push redraw it from the view events.
        const done = Boolean(result?.acked && !result.responseAction);
        if (done) open = undefined;
        return done;
      },
      close: () => {
        open = undefined;
      },
    });
    open = { viewId: view.id, element: modal.element, close: modal.close };
  }

  return {
    show,
    close(viewId) {
      if (open && (viewId === undefined || open.viewId === viewId)) {
        open.close();
        open = undefined;
      }
    },
    isOpen: (viewId) => open?.viewId === viewId,
  };
}

// A dialog frame both platforms' modals use: title, body, Cancel and Submit.
import { h } from './dom.js';

/**
 * options: { theme: 'discord' | 'slack', title, body (Node), submitLabel, closeLabel,
 *            submit() → Promise<boolean> (true closes), close() }
 * Returns { element, close() }.
 */
export function openModal(options) {
  const submitButton = h('button', {
    type: 'submit',
    class: 'modal-submit',
    text: options.submitLabel ?? 'Submit',
  });
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  const dialog = h(
    'dialog',
    { class: ['modal', options.theme], 'aria-label': options.title },
    h(
      'form',
      {
        method: 'dialog',
        onsubmit: async (event) => {
          event.preventDefault();
          submitButton.disabled = true;
          try {
            if (await options.submit()) close();
          } finally {
            submitButton.disabled = false;
          }
        },
      },
      h(
        'header',
        { class: 'modal-head' },
        h('h2', { text: options.title }),
        h('button', {
          type: 'button',
          class: 'modal-x',
          'aria-label': 'Close',
          text: '×',
          onclick: () => {
            options.close?.();
            close();
          },
        }),
      ),
      h('div', { class: 'modal-body' }, options.body),
      h(
        'footer',
        { class: 'modal-foot' },
        h('button', {
          type: 'button',
          class: 'modal-cancel',
          text: options.closeLabel ?? 'Cancel',
          onclick: () => {
            options.close?.();
            close();
          },
        }),
        options.submitLabel === null ? null : submitButton,
      ),
    ),
  );
  dialog.addEventListener('cancel', () => options.close?.());
  document.body.append(dialog);
  dialog.showModal();
  return { element: dialog, close };
}

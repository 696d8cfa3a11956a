// The list a chat client shows when you type `/`: matching commands, arrow keys and Enter to choose.
import { clear, h } from './dom.js';

/** deps: { items() → [{ name, description, detail, value }], choose(value) } */
export function createCommandPopup(deps) {
  const element = h('ul', {
    class: 'command-popup',
    role: 'listbox',
    hidden: true,
    'aria-label': 'Commands',
  });
  let shown = [];
  let index = 0;

  function update(text) {
    const m = /^\/(\S*)$/.exec(text);
    if (!m) return close();
    const prefix = m[1].toLowerCase();
    shown = deps.items().filter((item) => item.name.toLowerCase().startsWith(prefix));
    index = Math.min(index, Math.max(0, shown.length - 1));
    draw();
  }

  function draw() {
    clear(element);
    element.hidden = false;
    if (shown.length === 0) {
      element.append(h('li', { class: 'none', text: 'No matching commands' }));
      return;
    }
    element.append(h('li', { class: 'popup-head', text: 'Commands' }));
    shown.forEach((item, i) => {
      element.append(
        h(
          'li',
          {
            role: 'option',
            class: i === index ? 'active' : '',
            'aria-selected': i === index ? 'true' : 'false',
            dataset: { command: item.name },
            onmousedown: (event) => {
              event.preventDefault();
              deps.choose(item.value);
            },
          },
          h('span', { class: 'cmd-name', text: `/${item.name}` }),
          h('span', { class: 'cmd-desc', text: item.description }),
          item.detail ? h('span', { class: 'cmd-detail', text: item.detail }) : null,
        ),
      );
    });
  }

  function close() {
    shown = [];
    element.hidden = true;
    clear(element);
  }

  /** Keyboard handling while the popup is open; returns true when the key was used. */
  function key(event) {
    if (element.hidden || shown.length === 0) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      index = (index + (event.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length;
      draw();
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      deps.choose(shown[index].value);
    } else if (event.key === 'Escape') close();
    else return false;
    event.preventDefault();
    return true;
  }

  return { element, update, close, key };
}

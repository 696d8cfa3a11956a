// Building DOM nodes without HTML strings: every text goes through textContent or a text node, so
// message content (user text) can never become markup.

/**
 * h('div', { class: 'x', onclick: fn, title: 't' }, 'text', child, [more]) → HTMLElement.
 * Props: class, text, dataset (object), style is not supported on purpose (CSP); on* → listeners;
 * booleans set/remove attributes; anything else becomes an attribute.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Only http(s) URLs become links or images; anything else (javascript:, data:) is dropped. */
export function safeUrl(url) {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function link(url, ...children) {
  const href = safeUrl(url);
  if (!href) return h('span', {}, ...children);
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, ...children);
}

export function timeOf(date) {
  return new Date(date).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** A person's avatar: their initial on a colour picked from the name. */
export function avatar(name, bot) {
  const hue = [...String(name)].reduce((sum, c) => sum * 7 + c.charCodeAt(0), 0) % 360;
  const el = h('span', {
    class: ['avatar', bot && 'bot'],
    text: bot ? '✦' : String(name).slice(0, 1).toUpperCase(),
    'aria-hidden': 'true',
  });
  // CSSOM writes are allowed under the page's CSP (style attributes in markup are not).
  if (!bot) el.style.background = `hsl(${hue} 50% 42%)`;
  return el;
}

/**
 * Keeps a message list at its newest message while the reader is there (as chat clients do), also when
 * images load later; once they scroll up it stays put. Returns `pinned(change)` to wrap DOM changes in.
 */
export function pinToBottom(scroller) {
  let stick = true;
  const toBottom = () => {
    if (stick) scroller.scrollTop = scroller.scrollHeight;
  };
  scroller.addEventListener('scroll', () => {
    stick = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  });
  scroller.addEventListener('load', toBottom, true);
  return (change) => {
    change();
    toBottom();
  };
}

let toastTimer;
export function toast(message, kind = 'error') {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = `toast show ${kind}`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.className = 'toast';
  }, 5000);
}

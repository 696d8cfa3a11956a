// Talking to the sandbox server: JSON calls (relayed to the emulators) and live event streams.

export async function getJson(url) {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(await errorOf(res));
  return res.json();
}

export async function postJson(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  if (!res.ok) throw new Error(await errorOf(res));
  const text = await res.text();
  return text ? JSON.parse(text) : {};
}

async function errorOf(res) {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    const issues = Array.isArray(body.issues) ? body.issues.map((i) => i.message).join('; ') : '';
    return [body.error ?? `HTTP ${res.status}`, issues].filter(Boolean).join(': ');
  } catch {
    return text || `HTTP ${res.status}`;
  }
}

/**
 * Subscribes to a server-sent event stream; `handlers` maps event names to functions taking the parsed
 * data. EventSource reconnects by itself; `onopen` runs after each (re)connect so the caller can reload
 * what it may have missed.
 */
export function subscribe(url, handlers, onopen) {
  const source = new EventSource(url);
  for (const [name, handler] of Object.entries(handlers)) {
    source.addEventListener(name, (event) => {
      try {
        handler(JSON.parse(event.data));
      } catch (error) {
        // Reported (the browser console, tests' pageerror) without stopping the other listeners.
        setTimeout(() => {
          throw error;
        });
      }
    });
  }
  source.addEventListener('open', () => onopen?.());
  return source;
}

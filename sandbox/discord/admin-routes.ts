import type { IncomingMessage, ServerResponse } from 'node:http';
import { refuseForeignControl } from '../control-guard.js';
import type { DiscordEmulator } from './emulator-api.js';
import { DiscordApiError, readRawBody, sendJson } from './http-io.js';
import { type CallFilter, EMULATOR_EVENTS, type InteractionFilter } from './types.js';
import { EmulatorUsageError } from './usage-error.js';

export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
};

/** Actions that return nothing answer `{ ok: true }`. */
type Action = (emulator: DiscordEmulator, body: never) => unknown;

/** The user simulator over HTTP, for the browser sandbox page: POST /_emulator/<name> with the input as JSON. */
const ACTIONS: Record<string, Action> = {
  'slash-command': (e, body: Parameters<DiscordEmulator['slashCommand']>[0]) => e.slashCommand(body),
  autocomplete: (e, body: Parameters<DiscordEmulator['autocomplete']>[0]) => e.autocomplete(body),
  'click-button': (e, body: Parameters<DiscordEmulator['clickButton']>[0]) => e.clickButton(body),
  'select-menu': (e, body: Parameters<DiscordEmulator['selectMenu']>[0]) => e.selectMenu(body),
  'submit-modal': (e, body: Parameters<DiscordEmulator['submitModal']>[0]) => e.submitModal(body),
  react: (e, body: Parameters<DiscordEmulator['react']>[0]) => e.react(body),
  unreact: (e, body: Parameters<DiscordEmulator['unreact']>[0]) => e.unreact(body),
  'post-message': (e, body: Parameters<DiscordEmulator['postMessage']>[0]) => e.postMessage(body),
  knobs: (e, body: Parameters<DiscordEmulator['setKnobs']>[0]) => e.setKnobs(body),
  reset: (e) => e.reset(),
  reconnect: (e) => e.requestReconnect(),
  'channel-nsfw': (e, body: { channelId: string; nsfw: boolean }) =>
    e.setChannelNsfw(body.channelId, body.nsfw),
  'archive-thread': (e, body: { threadId: string }) => e.archiveThread(body.threadId),
  'age-threads': (e, body: { ms: number }) => ({ archived: e.ageThreads(Number(body.ms) || 0) }),
  'channel-overwrites': (
    e,
    body: { channelId: string; overwrites: Parameters<DiscordEmulator['setPermissionOverwrites']>[1] },
  ) => e.setPermissionOverwrites(body.channelId, body.overwrites),
};

/** /_emulator/*: state, recordings, knobs, the user simulator, and a server-sent event stream. */
export async function handleAdmin(
  emulator: DiscordEmulator,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
): Promise<void> {
  // The user simulator acts as any user (admins included): only the sandbox page, through its relay, and
  // local tools may drive it; no CORS, no other site's requests.
  if (refuseForeignControl(req, res)) return;
  const name = path.slice('/_emulator/'.length);
  const reply = (status: number, body: unknown) => sendJson(res, status, body);
  if (req.method === 'GET') {
    if (name === 'events') return streamEvents(emulator, req, res);
    const body = read(emulator, name, query);
    return body === undefined ? reply(404, { error: `unknown endpoint ${path}` }) : reply(200, body);
  }
  const action = ACTIONS[name];
  if (req.method !== 'POST' || !action)
    return reply(404, { error: `unknown endpoint ${req.method} ${path}` });
  try {
    const raw = (await readRawBody(req)).toString('utf8').trim();
    const body = (raw ? JSON.parse(raw) : {}) as never;
    return reply(200, action(emulator, body) ?? { ok: true });
  } catch (error) {
    const expected =
      error instanceof EmulatorUsageError || error instanceof DiscordApiError || error instanceof SyntaxError;
    const issues = (error as { issues?: unknown }).issues;
    if (!expected && !issues) throw error;
    return reply(400, { error: (error as Error).message, ...(issues ? { issues } : {}) });
  }
}

function read(emulator: DiscordEmulator, name: string, query: URLSearchParams): unknown {
  const q = (key: string) => query.get(key) ?? undefined;
  switch (name) {
    case 'state':
      return emulator.snapshot();
    case 'messages':
      return emulator.messages(q('channelId') ?? '', { includeEphemeral: true });
    case 'calls': {
      const filter: CallFilter = {};
      for (const key of ['method', 'route', 'path'] as const) {
        const value = q(key);
        if (value) filter[key] = value;
      }
      if (q('status')) filter.status = Number(q('status'));
      if (q('after')) filter.after = Number(q('after'));
      return emulator.calls(filter);
    }
    case 'interactions': {
      const filter: InteractionFilter = {};
      const state = q('state');
      if (state === 'pending' || state === 'acknowledged' || state === 'unacknowledged') filter.state = state;
      if (q('name')) filter.name = q('name') ?? '';
      return emulator.interactions(filter);
    }
    case 'gateway':
      return emulator.gatewaySessions();
    case 'knobs':
      return emulator.knobs();
    default:
      return undefined;
  }
}

function streamEvents(emulator: DiscordEmulator, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const listeners = EMULATOR_EVENTS.map((event) => {
    const listener = (payload: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    emulator.on(event, listener);
    return () => emulator.off(event, listener);
  });
  req.on('close', () => {
    for (const remove of listeners) remove();
  });
}

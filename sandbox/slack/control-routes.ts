import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { refuseForeignControl } from '../control-guard.js';
import { sendFile } from './asset-routes.js';
import type { EventName } from './emitter.js';
import type { FileStore } from './file-store.js';
import { readJson, sendJson } from './http-io.js';
import type { SlackEmulator } from './slack-emulator-api.js';

const id = z.string().min(1);
const inputValue = z.union([z.string(), z.array(z.string()), z.null()]);

const simulatorRoutes = {
  'slash-command': {
    schema: z.object({
      userId: id,
      channelId: id,
      command: z.string().startsWith('/'),
      text: z.string().optional(),
    }),
    run: (e: SlackEmulator, a: never) => e.slashCommand(a),
  },
  'block-action': {
    schema: z.object({
      userId: id,
      channelId: id.optional(),
      messageTs: id.optional(),
      viewId: id.optional(),
      actionId: id,
      blockId: id.optional(),
      value: z.string().optional(),
      selectedOption: z
        .union([z.string(), z.object({ value: z.string(), text: z.string().optional() })])
        .optional(),
      selectedOptions: z.array(z.string()).optional(),
    }),
    run: (e: SlackEmulator, a: never) => e.blockAction(a),
  },
  'submit-view': {
    schema: z.object({
      userId: id,
      viewId: id.optional(),
      values: z.record(z.string(), inputValue).optional(),
    }),
    run: (e: SlackEmulator, a: never) => e.submitView(a),
  },
  react: {
    schema: z.object({ userId: id, channelId: id, ts: id, reaction: id }),
    run: (e: SlackEmulator, a: never) => e.react(a),
  },
  unreact: {
    schema: z.object({ userId: id, channelId: id, ts: id, reaction: id }),
    run: (e: SlackEmulator, a: never) => e.unreact(a),
  },
  'post-message': {
    schema: z.object({ userId: id, channelId: id, text: z.string().min(1), threadTs: id.optional() }),
    run: (e: SlackEmulator, a: never) => e.postMessage(a),
  },
} as const;

const STREAMED: EventName[] = ['call', 'message', 'ephemeral', 'view', 'delivery', 'response', 'socket'];

/** The sandbox page's HTTP JSON API over the emulator (everything under /_emulator/). */
export async function handleControlRoute(
  emulator: SlackEmulator,
  files: FileStore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  // The simulators act as any user (admins included): only the sandbox page and local tools may drive them.
  if (refuseForeignControl(req, res)) return;
  const path = url.pathname.slice('/_emulator/'.length);
  const q = (key: string) => url.searchParams.get(key) ?? undefined;
  if (req.method === 'GET') {
    switch (path) {
      case 'state':
        return sendJson(res, 200, {
          team: emulator.team,
          bot: emulator.bot,
          users: emulator.users(),
          channels: emulator.channels(),
          eventsUrl: emulator.eventsUrl ?? null,
          socketConnections: emulator.socketConnections(),
        });
      case 'messages':
        return sendJson(res, 200, emulator.messages(q('channel') ?? ''));
      case 'ephemerals':
        return sendJson(res, 200, emulator.ephemerals(q('user')));
      case 'views':
        return sendJson(res, 200, emulator.views(q('user')));
      case 'calls':
        return sendJson(
          res,
          200,
          emulator.calls.filter((c) => !q('method') || c.method === q('method')),
        );
      case 'deliveries':
        return sendJson(res, 200, emulator.deliveries);
      case 'responses':
        return sendJson(res, 200, emulator.responses());
      case 'knobs':
        return sendJson(res, 200, emulator.knobs());
      case 'stream':
        return stream(emulator, req, res);
    }
    const file = /^files\/(F[A-Z0-9]+)$/.exec(path);
    if (file) return sendFile(files, file[1] ?? '', req, res);
  }
  if (req.method === 'POST') {
    let body: unknown;
    try {
      body = (await readJson(req)) ?? {};
    } catch {
      return sendJson(res, 400, { error: 'body must be JSON' });
    }
    if (path === 'reset') {
      emulator.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (path === 'knobs') {
      try {
        return sendJson(res, 200, emulator.setKnobs(body as never));
      } catch (error) {
        return sendJson(res, 400, { error: 'invalid knobs', detail: String(error) });
      }
    }
    const route = simulatorRoutes[path as keyof typeof simulatorRoutes];
    if (route) {
      const parsed = route.schema.safeParse(body);
      if (!parsed.success)
        return sendJson(res, 400, { error: 'invalid arguments', issues: parsed.error.issues });
      try {
        return sendJson(res, 200, await route.run(emulator, parsed.data as never));
      } catch (error) {
        return sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return sendJson(res, 404, { error: 'not found' });
}

/** Server-sent events: every emulator event as `event: <name>` with a JSON payload. */
function stream(emulator: SlackEmulator, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const listeners = STREAMED.map((name) => {
    const listener = (payload: unknown) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    emulator.on(name, listener);
    return () => emulator.off(name, listener);
  });
  req.on('close', () => {
    for (const off of listeners) off();
  });
}

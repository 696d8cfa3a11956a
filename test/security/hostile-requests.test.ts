/**
 * Hostile requests against every HTTP listener the product and the sandbox run, all in one process (the
 * sandbox: the real bot's public port and ops listener, the page server, the Discord, Slack and fal
 * emulators): generated request targets, methods, headers and bodies, signed and unsigned, over raw
 * sockets. After each one the process must still run and the bot's /healthz answer. Before the fix one
 * `GET //` (or a signed JSON `null` on /slack/events) ended the process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../sandbox/slack/signing.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { head, rawRequest } from '../helpers/raw-http.js';
import { BODIES, corpusFor, type HostileRequest, type ListenerRoutes } from './hostile-corpus.js';

interface Target {
  ports: Record<'bot' | 'ops' | 'page' | 'discord' | 'slack' | 'fal', number>;
  slackSigningSecret: string;
  discordBotToken: string;
  slackBotToken: string;
  discordChannel: string;
}

let child: ChildProcess;
let target: Target;
let stderr = '';

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'test/security/hostile-sandbox.ts'], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => line as string),
    once(child, 'exit').then(() => {
      throw new Error(`the sandbox exited during start-up:\n${stderr}`);
    }),
  ]);
  target = JSON.parse(first) as Target;
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

/** The process runs and the bot's public /healthz answers 200. */
async function assertAlive(after: string): Promise<void> {
  const reason = `after ${after}`;
  expect(child.exitCode, `the process exited ${reason}:\n${stderr.slice(-3_000)}`).toBeNull();
  const status = await fetch(`http://127.0.0.1:${target.ports.bot}/healthz`, {
    signal: AbortSignal.timeout(3_000),
  }).then(
    (r) => r.status,
    (e: Error) => e.message,
  );
  expect(status, `/healthz ${reason}:\n${stderr.slice(-3_000)}`).toBe(200);
}

async function send(port: number, request: HostileRequest) {
  return rawRequest({
    port,
    head: head(request.method, request.target, request.headers, port),
    ...(request.body !== undefined ? { body: request.body } : {}),
    timeoutMs: request.timeoutMs ?? 2_000,
  });
}

/** Sends the corpus; returns the answers by label (status, or how it ended). */
async function barrage(name: keyof Target['ports'], requests: HostileRequest[]) {
  const port = target.ports[name];
  const answers = new Map<string, number | string>();
  for (const request of requests) {
    const answer = await send(port, request);
    answers.set(request.label, answer.status ?? answer.outcome);
    await assertAlive(`${request.label} on the ${name} listener`);
  }
  return answers;
}

/** The targets that used to throw are refused or routed, never left unanswered. */
function expectTargetsAnswered(answers: Map<string, number | string>) {
  for (const label of ['GET //', 'GET //[', 'GET http://x:99999/', 'GET http://[/', 'GET *']) {
    const got = answers.get(label);
    expect(typeof got === 'number' && got < 500, `${label}: ${got}`).toBe(true);
  }
  expect(answers.get('GET http://x:99999/')).toBe(400);
}

const ROUTES = (t: Target): Record<keyof Target['ports'], ListenerRoutes> => ({
  bot: {
    reads: [
      '/healthz',
      '/media/',
      '/media/images/x.png',
      '/gallery',
      '/styles',
      '/admin',
      '/admin/usage.json',
    ],
    writes: ['/slack/events', '/admin'],
  },
  ops: { reads: ['/metrics', '/readyz', '/healthz'], writes: ['/readyz'] },
  page: {
    reads: [
      '/api/setup',
      '/go/gallery',
      '/x/discord/state',
      '/x/slack/state',
      '/x/fal/stats',
      '/app/main.js',
    ],
    writes: [
      '/x/slack/slash-command',
      '/x/discord/slash-command',
      '/x/fal/knobs',
      '/api/discord/autocomplete',
    ],
  },
  discord: {
    reads: [
      '/api/v10/gateway/bot',
      `/api/v10/channels/${t.discordChannel}/messages`,
      '/_emulator/state',
      '/gateway',
    ],
    writes: [
      `/api/v10/channels/${t.discordChannel}/messages`,
      '/_emulator/slash-command',
      '/api/v10/interactions/1/x/callback',
    ],
    auth: { Authorization: `Bot ${t.discordBotToken}` },
  },
  slack: {
    reads: ['/api/auth.test', '/_emulator/state', '/_emulator/files/F1'],
    writes: ['/api/chat.postMessage', '/_emulator/slash-command', '/_emulator/knobs'],
    auth: { Authorization: `Bearer ${t.slackBotToken}` },
  },
  fal: {
    reads: ['/fal-ai/flux/schnell/requests/x/status', '/_emulator/knobs', '/media/x.png'],
    writes: ['/fal-ai/flux/schnell', '/_emulator/knobs'],
    auth: { Authorization: 'Key sandbox' },
  },
});

describe('hostile requests: the process stays up and /healthz answers after each', () => {
  for (const name of ['bot', 'ops', 'page', 'discord', 'slack', 'fal'] as const) {
    it(`${name} listener`, async () => {
      const answers = await barrage(name, corpusFor(ROUTES(target)[name]));
      expectTargetsAnswered(answers);
    }, 60_000);
  }

  it('Slack-signed bodies on /slack/events: JSON and form, objects or not', async () => {
    const requests: HostileRequest[] = BODIES.map(([name, type, body]) => {
      const text = Buffer.isBuffer(body) ? body.toString() : body;
      return {
        label: `signed ${name}`,
        method: 'POST',
        target: '/slack/events',
        headers: {
          ...signRequest(target.slackSigningSecret, text, Math.floor(Date.now() / 1000)),
          'Content-Type': type,
          'Content-Length': String(Buffer.byteLength(text)),
        },
        body: text,
        // Not waited for: Bolt acknowledges an object nobody handles only after 3 s (the rest answer at once).
        timeoutMs: 300,
      };
    });
    const answers = await barrage('bot', requests);
    for (const name of [
      'JSON null',
      'JSON array',
      'JSON number',
      'JSON string',
      'JSON true',
      'form payload=null',
    ])
      expect(answers.get(`signed ${name}`), name).toBe(400);
  }, 60_000);

  it('property: any request target on any listener is answered and harms nothing', async () => {
    const piece = fc.constantFrom(
      ...[
        '/',
        '//',
        '.',
        '..',
        '%',
        '%00',
        '%2e',
        '%2f',
        '%5c',
        '%c0%ae',
        '%ff',
        '%e2%82',
        '[',
        ']',
        ':',
        '@',
      ],
      ...['?', '&', '=', '#', '\\', ';', '~', '+', '$', '!', "'", '(', ')', '*', 'a', 'Z', '0', '-', '_'],
      ...['media', 'admin', 'slack', 'events', '_emulator', 'api', 'v10', 'x', '__proto__', 'constructor'],
    );
    const start = fc.constantFrom(
      '/',
      '//',
      '///',
      'http://',
      'http://x:99999',
      'http://[',
      'https://a.b',
      '*',
      '',
    );
    const targetArb = fc
      .tuple(start, fc.array(piece, { maxLength: 24 }))
      .map(([s, parts]) => s + parts.join(''));
    const listener = fc.constantFrom('bot', 'ops', 'page', 'discord', 'slack', 'fal' as const);
    const method = fc.constantFrom('GET', 'HEAD', 'POST', 'OPTIONS', 'DELETE');
    await fc.assert(
      fc.asyncProperty(listener, method, targetArb, async (name, verb, path) => {
        const port = target.ports[name];
        const answer = await rawRequest({
          port,
          head: head(verb, path || '/', { 'Content-Length': '0' }, port),
        });
        expect(answer.outcome, `${verb} ${path} on ${name}`).toBe('answered');
        expect(answer.status, `${verb} ${path} on ${name}`).toBeLessThan(500);
        await assertAlive(`${verb} ${path} on ${name}`);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

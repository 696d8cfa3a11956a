import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DiscordEmulator, startDiscordEmulator } from '../../../../sandbox/discord/index.js';
import { api } from './helpers.js';

let emu: DiscordEmulator;

beforeAll(async () => {
  emu = await startDiscordEmulator({ knobs: { latencyMs: 0 } });
  await api(emu, 'PUT', `/applications/${emu.applicationId}/commands`, [
    {
      name: 'imagine',
      description: 'Make',
      options: [{ type: 3, name: 'style', description: 'S', choices: [{ name: 'Ink', value: 'ink' }] }],
    },
  ]);
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const admin = async (method: string, name: string, body?: unknown) => {
  const res = await fetch(`${emu.url}/_emulator/${name}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
  const json: any = await res.json();
  return { status: res.status, body: json, cors: res.headers.get('access-control-allow-origin') };
};

describe('/_emulator', () => {
  it('shows the state a sandbox page renders: guilds, channels, users, command definitions', async () => {
    const { body, cors } = await admin('GET', 'state');
    // No CORS: other sites may not read or drive it (the page reaches it through its own server's relay).
    expect(cors).toBeNull();
    expect(body.guilds[0]).toMatchObject({
      name: 'Atelier Sandbox',
      channels: { general: emu.channelId('general'), art: emu.channelId('art') },
    });
    expect(body.users.map((u: { username: string }) => u.username)).toEqual([
      'Atelier',
      'ada',
      'grace',
      'linus',
    ]);
    expect(body.commands.global[0].options[0].choices).toEqual([{ name: 'Ink', value: 'ink' }]);
  });

  it('runs the user simulator over HTTP and reports usage errors as 400', async () => {
    const ok = await admin('POST', 'slash-command', { name: 'imagine', options: { style: 'ink' } });
    expect(ok.status).toBe(200);
    expect(emu.interaction(ok.body.interactionId)?.token).toBe(ok.body.token);
    const bad = await admin('POST', 'slash-command', { name: 'imagine', options: { style: 'oil' } });
    expect(bad).toMatchObject({ status: 400, body: { error: expect.stringMatching(/must be one of/) } });
    const posted = await admin('POST', 'post-message', { content: 'from the page' });
    expect(
      (await admin('GET', `messages?channelId=${emu.channelId('general')}`)).body.map(
        (m: { id: string }) => m.id,
      ),
    ).toEqual([posted.body.id]);
    expect((await admin('POST', 'react', { messageId: posted.body.id, emoji: '🔁' })).body).toEqual({
      ok: true,
    });
  });

  it('validates and applies knobs', async () => {
    expect((await admin('POST', 'knobs', { ackTimeoutMs: 'soon' })).status).toBe(400);
    const set = await admin('POST', 'knobs', { latencyMs: 5, fail5xx: [{ route: 'edits', count: 1 }] });
    expect(set.body).toMatchObject({ latencyMs: 5, fail5xx: [{ route: 'edits', count: 1, status: 500 }] });
    expect(emu.knobs().latencyMs).toBe(5);
  });

  it('lists recorded calls with filters', async () => {
    await api(emu, 'GET', '/users/@me');
    await api(emu, 'GET', '/gateway/bot');
    const { body } = await admin('GET', 'calls?route=GET%20/users/@me');
    expect(body).toMatchObject([{ method: 'GET', route: 'GET /users/@me', status: 200 }]);
  });

  it('streams changes as server-sent events', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request(`${emu.url}/_emulator/events`, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes(': connected')) emu.postMessage({ content: 'streamed' });
          if (text.includes('event: message')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    const text = await received;
    const data = JSON.parse(text.split('event: message\ndata: ')[1]?.split('\n')[0] ?? '{}');
    expect(data).toMatchObject({ type: 'create', message: { content: 'streamed' } });
  });
});

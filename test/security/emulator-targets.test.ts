/**
 * The emulators parse request targets safely too. Their request handlers were async (a bad target became
 * a 500), but their WebSocket upgrade listeners (Discord's gateway, Slack's Socket Mode) called
 * `new URL(req.url, base)` synchronously: one `GET //[` with an Upgrade header ended the process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordEmulator } from '../../sandbox/discord/index.js';
import { startFalEmulator } from '../../sandbox/fal/fal-emulator.js';
import { startLibsqlServerEmulator } from '../../sandbox/libsql/libsql-emulator.js';
import { startSlackEmulator } from '../../sandbox/slack/index.js';
import { head, rawRequest } from '../helpers/raw-http.js';

const UPGRADE = {
  Upgrade: 'websocket',
  Connection: 'Upgrade',
  'Sec-WebSocket-Version': '13',
  'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
};

describe('emulators and bad request targets', () => {
  const servers: Array<{ name: string; url: string; close(): Promise<void> }> = [];
  beforeAll(async () => {
    const [discord, slack, fal, libsql] = await Promise.all([
      startDiscordEmulator(),
      startSlackEmulator(),
      startFalEmulator(),
      startLibsqlServerEmulator(),
    ]);
    servers.push(
      { name: 'discord', url: discord.url, close: () => discord.close() },
      { name: 'slack', url: slack.url, close: () => slack.close() },
      { name: 'fal', url: fal.url, close: () => fal.close() },
      { name: 'libsql', url: libsql.url, close: () => libsql.close() },
    );
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it('refuse a WebSocket upgrade to //[ or an absolute form with a bad port, and keep serving', async () => {
    for (const { name, url } of servers.filter((s) => s.name === 'discord' || s.name === 'slack')) {
      const port = Number(new URL(url).port);
      for (const target of ['//[', 'http://x:99999/gateway', '/gateway/%']) {
        const answer = await rawRequest({ port, head: head('GET', target, UPGRADE, port), timeoutMs: 1_000 });
        // Refused at once (an error status, or the socket closed), never left hanging by a listener that threw.
        expect(answer.outcome, `${name} ${target}`).not.toBe('timeout');
        if (answer.status !== undefined)
          expect(answer.status, `${name} ${target}`).toBeGreaterThanOrEqual(400);
      }
      expect((await fetch(`${url}/no-such-route`)).status, name).toBe(404);
    }
  });

  it('answer a target no route can take with 400, not an internal error', async () => {
    for (const { name, url } of servers) {
      const port = Number(new URL(url).port);
      for (const target of ['http://x:99999/', 'http://[/', '*']) {
        const answer = await rawRequest({ port, head: head('GET', target, {}, port) });
        expect(answer.status, `${name} ${target}`).toBe(400);
      }
    }
  });
});

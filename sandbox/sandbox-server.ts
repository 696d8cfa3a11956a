/**
 * The sandbox page's server: the static page, a setup document, and a relay to the emulators' control
 * APIs (/x/discord/…, /x/slack/…, /x/fal/… → /_emulator/…) so the page talks to one origin. Everything
 * the page does goes through the emulators' user simulators to the real bot.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commands } from '../commands/index.js';
import type { Logger } from '../src/core/logger.js';
import type { Platform } from '../src/core/types.js';
import { createGalleryLinker } from '../src/web/gallery/signed-link.js';
import { safeListener } from '../src/web/safe-listener.js';
import type { BotRunner } from './bot-runner.js';
import { refuseForeignControl } from './control-guard.js';
import { DISCORD_LIKE_BUCKETS, type DiscordEmulator } from './discord/index.js';
import type { FalEmulator } from './fal/fal-emulator.js';
import { readJson, sendJson } from './json-io.js';
import { proxyRequest } from './proxy.js';
import { DISCORD_GUILD_ID, SANDBOX_PEOPLE } from './sandbox-people.js';
import type { SlackEmulator } from './slack/index.js';

export interface SandboxServerDeps {
  host: string;
  port: number;
  /** The bot (restartable on another model). */
  runner: BotRunner;
  botUrl: string;
  fal: FalEmulator;
  discord: DiscordEmulator | undefined;
  slack: SlackEmulator | undefined;
  log: Logger;
}

export interface SandboxServer {
  readonly url: string;
  close(): Promise<void>;
}

const PAGE_DIR = new URL('./page/', import.meta.url);
const PAGE_FILE = /^[a-z][\w-]*\.(js|css|html|svg)$/;
const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  svg: 'image/svg+xml',
};
// Images come from the emulators and the bot, all on loopback; nothing else is loaded.
const CSP =
  "default-src 'self'; img-src 'self' data: http://127.0.0.1:* http://localhost:*; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export async function startSandboxServer(deps: SandboxServerDeps): Promise<SandboxServer> {
  const linker = createGalleryLinker({
    // The same for every restart: the settings it derives from do not change with the model.
    secret: deps.runner.config.webLinkSecret,
    publicBaseUrl: deps.botUrl,
    now: () => Date.now(),
  });
  const targets: Record<string, string | undefined> = {
    discord: deps.discord?.url,
    slack: deps.slack?.url,
    fal: deps.fal.url,
  };

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // Every route here drives the emulators or reads their state: only the page itself may use them.
    if (refuseForeignControl(req, res)) return;
    const path = url.pathname;
    const relay = /^\/x\/(discord|slack|fal)\/(.+)$/.exec(path);
    if (relay) {
      const base = targets[relay[1] ?? ''];
      if (!base) return sendJson(res, 404, { error: `${relay[1]} is not running in this sandbox` });
      return proxyRequest(req, res, new URL(`/_emulator/${relay[2]}${url.search}`, base));
    }
    if (req.method === 'GET' && (path === '/' || path === '/index.html')) return sendPage(res, 'index.html');
    const file = /^\/app\/(.+)$/.exec(path)?.[1];
    if (req.method === 'GET' && file && PAGE_FILE.test(file)) return sendPage(res, file);
    if (req.method === 'GET' && path === '/api/setup') return sendJson(res, 200, setup(deps));
    if (req.method === 'GET' && path === '/go/gallery') return redirectToGallery(url, res);
    if (req.method === 'POST' && path === '/api/discord/autocomplete') return autocomplete(req, res);
    if (req.method === 'GET' && path === '/api/model') return sendJson(res, 200, deps.runner.models());
    if (req.method === 'POST' && path === '/api/model') return switchModel(req, res);
    sendJson(res, 404, { error: 'not found' });
  }

  function redirectToGallery(url: URL, res: ServerResponse): void {
    const platform = url.searchParams.get('platform') === 'slack' ? 'slack' : 'discord';
    const person = SANDBOX_PEOPLE.find((p) => p.name === url.searchParams.get('user')) ?? SANDBOX_PEOPLE[0]!;
    const workspace = platform === 'slack' ? (deps.slack?.team.id ?? '') : DISCORD_GUILD_ID;
    const userId = platform === 'slack' ? person.slackId : person.discordId;
    res.writeHead(302, {
      location: linker(platform as Platform, workspace, userId),
      'cache-control': 'no-store',
    });
    res.end();
  }

  /** Restarts the bot on the model asked for; answers once the new bot is up. */
  async function switchModel(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { model } = ((await readJson(req).catch(() => ({}))) ?? {}) as { model?: unknown };
    if (typeof model !== 'string')
      return sendJson(res, 400, { error: 'expected { "model": "<endpoint id>" }' });
    try {
      await deps.runner.switchModel(model);
      sendJson(res, 200, deps.runner.models());
    } catch (error) {
      sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Sends the autocomplete interaction and waits for the bot's choices (what Discord's client shows). */
  async function autocomplete(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const discord = deps.discord;
    if (!discord) return sendJson(res, 404, { error: 'discord is not running in this sandbox' });
    try {
      const input = (await readJson(req)) as Parameters<DiscordEmulator['autocomplete']>[0];
      const { interactionId } = discord.autocomplete(input);
      const record = await discord.waitForInteraction(interactionId, (r) => r.state !== 'pending', 3500);
      sendJson(res, 200, { choices: record.autocompleteChoices ?? [] });
    } catch (error) {
      sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  const server = createServer(
    safeListener(handle, {
      onError: (error, req) => deps.log.error({ err: error, path: req.url }, 'sandbox page request failed'),
      internalError: (res) => sendJson(res, 500, { error: 'internal error' }),
    }),
  );
  const address = await listenWithFallback(server, deps.host, deps.port);
  return {
    url: `http://${deps.host}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Event streams stay open until closed from this side.
        server.closeAllConnections();
      }),
  };
}

async function sendPage(res: ServerResponse, name: string): Promise<void> {
  const body = await readFile(new URL(name, PAGE_DIR)).catch(() => undefined);
  if (!body) return sendJson(res, 404, { error: 'not found' });
  const ext = name.slice(name.lastIndexOf('.') + 1);
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    ...(ext === 'html' ? { 'content-security-policy': CSP, 'referrer-policy': 'no-referrer' } : {}),
  });
  res.end(body);
}

/** What the page needs to draw itself: people, channels, the bot's links, and Slack's command options. */
function setup(deps: SandboxServerDeps) {
  const catalogs = deps.runner.bot.core.catalogs;
  const discord = deps.discord;
  const slack = deps.slack;
  return {
    people: SANDBOX_PEOPLE,
    bot: {
      url: deps.botUrl,
      links: [
        { name: 'styles', url: `${deps.botUrl}/styles` },
        // The ops listener's, not the public port's (which answers only /healthz of these).
        ...['metrics', 'readyz'].map((name) => ({
          name,
          url: `http://${deps.host}:${deps.runner.bot.opsPort}/${name}`,
        })),
        { name: 'healthz', url: `${deps.botUrl}/healthz` },
        ...(deps.runner.config.admin.dashboardToken
          ? [
              {
                name: 'admin dashboard',
                url: `${deps.botUrl}/admin?token=${encodeURIComponent(deps.runner.config.admin.dashboardToken)}`,
              },
            ]
          : []),
      ],
    },
    discord: discord
      ? {
          guild: discord.guild(DISCORD_GUILD_ID),
          botUser: discord.botUser,
          applicationId: discord.applicationId,
          realisticBuckets: DISCORD_LIKE_BUCKETS,
        }
      : null,
    slack: slack
      ? {
          team: slack.team,
          bot: slack.bot,
          channels: slack.channels().filter((c) => !c.isIm),
          users: slack.users(),
          // Slack has no option pickers; the page offers each option's values as helpers for the text.
          commands: commands.map((c) => ({
            name: c.name,
            description: c.description,
            options: c
              .options(catalogs)
              .map((o) =>
                o.kind === 'string' && o.autocomplete && c.complete
                  ? { ...o, choices: c.complete(o.name, '', {}, catalogs) }
                  : o,
              ),
          })),
        }
      : null,
  };
}

function listenWithFallback(
  server: ReturnType<typeof createServer>,
  host: string,
  port: number,
): Promise<AddressInfo> {
  const attempt = (p: number) =>
    new Promise<AddressInfo>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, host, () => {
        server.off('error', reject);
        resolve(server.address() as AddressInfo);
      });
    });
  return attempt(port).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE' || port === 0) throw error;
    return attempt(0);
  });
}

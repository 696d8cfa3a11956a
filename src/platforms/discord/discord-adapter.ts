import { Events } from 'discord.js';
import type { AdapterDeps, ChatAdapter } from '../adapter.js';
import { createDiscordClient } from './client.js';
import { createOptionParser } from './command-options.js';
import { registerInteractions } from './interaction-router.js';
import { createMediaResolver } from './media.js';
import { createMessageSender } from './message-sender.js';
import { registerReactions } from './reaction-handler.js';
import { expiredMenu } from './render/menu-message.js';
import { tokenUsable } from './reply-ref.js';
import type { DiscordRuntime, GalleryState, MenuState } from './runtime.js';
import { createStatusPublisher } from './status-publisher.js';
import { createTtlStore } from './ttl-store.js';

export interface DiscordAdapterOptions {
  /** Least time between two edits of one job message (default 1 s). */
  updateIntervalMs?: number;
  /** How long an unanswered select menu stays usable (default 10 min, within the 15 min token life). */
  menuTtlMs?: number;
  /** How long gallery page buttons keep working (default 30 min). */
  galleryTtlMs?: number;
  /** How long a job without a message waits for its handler before it gets a new one (default 5 s). */
  holdMs?: number;
  /** How long start() waits for the gateway to be ready (default 30 s). */
  readyTimeoutMs?: number;
}

/**
 * The Discord front-end: discord.js (REST + gateway) routing slash commands, menus, buttons and 🔁
 * reactions into the core, and core status events into live, coalesced message edits.
 */
export function createDiscordAdapter(deps: AdapterDeps, options: DiscordAdapterOptions = {}): ChatAdapter {
  const config = deps.config.discord;
  if (!config) throw new Error('Discord is not configured (DISCORD_TOKEN is not set).');
  const log = deps.log.child({ platform: 'discord' });
  const client = createDiscordClient(config, deps.metrics, log);
  const sender = createMessageSender({ rest: client.rest, appId: config.appId, log });
  const media = createMediaResolver({ store: deps.core.store, mode: deps.config.mediaDelivery, log });
  const publisher = createStatusPublisher({
    sender,
    service: deps.core.service,
    catalogs: deps.core.catalogs,
    media,
    log,
    ...(options.updateIntervalMs !== undefined ? { intervalMs: options.updateIntervalMs } : {}),
    ...(options.holdMs !== undefined ? { holdMs: options.holdMs } : {}),
  });
  const menus = createTtlStore<MenuState>({
    ttlMs: options.menuTtlMs ?? 10 * 60_000,
    // Say so on the message itself while the token still allows it.
    onExpire: (_id, state) => {
      if (!tokenUsable(state.tokenAt, Date.now())) return;
      sender
        .editOriginal(state.token, expiredMenu())
        .catch((e: unknown) => log.debug({ err: e }, 'could not mark a menu as expired'));
    },
  });
  const galleries = createTtlStore<GalleryState>({ ttlMs: options.galleryTtlMs ?? 30 * 60_000 });
  const rt: DiscordRuntime = {
    deps,
    client,
    rest: client.rest,
    log,
    sender,
    publisher,
    media,
    menus,
    galleries,
    parseOptions: createOptionParser(deps.core.catalogs),
  };

  // Subscribed before start so jobs resumed after a restart keep editing their messages.
  const unsubscribe = deps.core.service.onStatus(publisher.onStatus);
  let accepting = true;
  registerInteractions(rt, () => accepting);
  registerReactions(rt);

  return {
    name: 'discord',
    async start() {
      const ready = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error('Discord gateway not ready in time (check DISCORD_TOKEN and DISCORD_API_URL)')),
          options.readyTimeoutMs ?? 30_000,
        );
        client.once(Events.ClientReady, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      await client.login(config.token);
      await ready;
      log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord adapter started');
    },
    async stop() {
      accepting = false;
      publisher.stop();
      // Pending edits go out now; a stuck Discord does not hold the shutdown forever.
      await Promise.race([publisher.flush(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      unsubscribe();
      menus.clear();
      galleries.clear();
      await client.destroy();
    },
    readiness: () => ({
      name: 'discord',
      check() {
        if (!client.isReady()) throw new Error('the Discord gateway is not connected');
      },
    }),
  };
}

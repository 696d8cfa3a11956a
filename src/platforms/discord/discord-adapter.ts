import { Events, Routes } from 'discord.js';
import type { AdapterDeps, ChatAdapter } from '../adapter.js';
import { createJobMessageMachine } from '../shared/job-message-machine.js';
import { createTurnQueue } from '../shared/turn-queue.js';
import { canReact } from './bot-permissions.js';
import { createDiscordClient, createInteractionRest } from './client.js';
import { createMessageRemover } from './delete-messages.js';
import { registerInteractions } from './interaction-router.js';
import { createDiscordJobPort } from './job-message-port.js';
import { createMediaResolver } from './media.js';
import { createMessageSender } from './message-sender.js';
import { registerReactions } from './reaction-handler.js';
import { expiredMenu } from './render/menu-message.js';
import { tokenUsable } from './reply-ref.js';
import type { DiscordRuntime, GalleryState, MenuState } from './runtime.js';
import { createTtlStore } from './ttl-store.js';

export interface DiscordAdapterOptions {
  /** Least time between two edits of one job message (default 1 s). */
  updateIntervalMs?: number;
  /** How long a status change waits for the next before it is shown (default EDIT_SETTLE_MS). */
  updateSettleMs?: number;
  /** How long an unanswered select menu stays usable (default 10 min, within the 15 min token life). */
  menuTtlMs?: number;
  /** How long gallery page buttons keep working (default 30 min). */
  galleryTtlMs?: number;
  /** How long start() waits for the gateway to be ready (default 30 s). */
  readyTimeoutMs?: number;
  /** Least time between two removals of deleted results' messages (default 300 ms). */
  deleteIntervalMs?: number;
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
  const interactionRest = createInteractionRest(config, deps.metrics, log);
  const sender = createMessageSender({
    rest: client.rest,
    interactionRest,
    appId: config.appId,
    log,
  });
  const media = createMediaResolver({ store: deps.core.store, mode: deps.config.mediaDelivery, log });
  const jobMessages = createJobMessageMachine({
    port: createDiscordJobPort({
      sender,
      catalogs: deps.core.catalogs,
      media,
      log,
      mayReact: (channelId) => canReact(client, channelId),
    }),
    jobs: deps.core.service,
    log,
    ...(options.updateIntervalMs !== undefined ? { intervalMs: options.updateIntervalMs } : {}),
    ...(options.updateSettleMs !== undefined ? { settleMs: options.updateSettleMs } : {}),
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
    jobMessages,
    media,
    menus,
    galleries,
    turns: createTurnQueue(),
  };

  // Subscribed before start so jobs resumed after a restart keep editing their messages.
  const unsubscribe = deps.core.service.onStatus(jobMessages.onStatus);
  // Deleted results (❌, the Delete button, a purge) lose their chat message.
  const remover = createMessageRemover({
    rest: client.rest,
    interactionRest,
    appId: config.appId,
    tell: (userId, text) => sender.directMessage(userId, text),
    log,
    ...(options.deleteIntervalMs !== undefined ? { intervalMs: options.deleteIntervalMs } : {}),
  });
  const stopRemoving = deps.core.deletion.onDeleted(remover.onDeleted);
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
      // Pending edits go out now; a stuck Discord does not hold the shutdown forever.
      await Promise.race([
        jobMessages.flush(),
        new Promise((resolve) => setTimeout(resolve, 10_000).unref()),
      ]);
      unsubscribe();
      stopRemoving();
      remover.stop();
      menus.clear();
      galleries.clear();
      await client.destroy();
      interactionRest.clearHashSweeper();
      interactionRest.clearHandlerSweeper();
    },
    async postNotice(channelId, text) {
      // Ops alerts: plain text through the bot token, no pings (Discord caps content at 2000 characters).
      await client.rest.post(Routes.channelMessages(channelId), {
        body: { content: text.slice(0, 2000), allowed_mentions: { parse: [] } },
      });
    },
    readiness: () => ({
      name: 'discord',
      check() {
        if (!client.isReady()) throw new Error('the Discord gateway is not connected');
      },
    }),
  };
}

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

/** An unanswered select menu stays usable this long (within the interaction token's 15 min). */
const MENU_TTL_MS = 10 * 60_000;
/** Gallery page buttons keep working this long. */
const GALLERY_TTL_MS = 30 * 60_000;
/** How long start() waits for the gateway to be ready. */
const READY_TIMEOUT_MS = 30_000;

/**
 * The Discord front-end: discord.js (REST + gateway) routing slash commands, menus, buttons and 🔁
 * reactions into the core, and core status events into live, coalesced message edits.
 */
export function createDiscordAdapter(deps: AdapterDeps): ChatAdapter {
  const config = deps.config.discord;
  if (!config) throw new Error('Discord is not configured (DISCORD_TOKEN is not set).');
  const log = deps.log.child({ platform: 'discord' });
  const client = createDiscordClient(config, deps.countChatCall, log);
  const interactionRest = createInteractionRest(config, deps.countChatCall, log);
  const sender = createMessageSender({
    rest: client.rest,
    interactionRest,
    appId: config.appId,
    log,
  });
  const media = createMediaResolver({ store: deps.store, mode: deps.config.mediaDelivery, log });
  const jobMessages = createJobMessageMachine({
    port: createDiscordJobPort({
      sender,
      catalogs: deps.catalogs,
      media,
      log,
      mayReact: (channelId) => canReact(client, channelId),
    }),
    jobs: deps.service,
    log,
  });
  const menus = createTtlStore<MenuState>({
    ttlMs: MENU_TTL_MS,
    // Say so on the message itself while the token still allows it.
    onExpire: (_id, state) => {
      if (!tokenUsable(state.tokenAt, Date.now())) return;
      sender
        .editOriginal(state.token, expiredMenu())
        .catch((e: unknown) => log.debug({ err: e }, 'could not mark a menu as expired'));
    },
  });
  const galleries = createTtlStore<GalleryState>({ ttlMs: GALLERY_TTL_MS });
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
  const unsubscribe = deps.service.onStatus(jobMessages.onStatus);
  // Deleted results (❌, the Delete button, a purge) lose their chat message.
  const remover = createMessageRemover({
    rest: client.rest,
    interactionRest,
    appId: config.appId,
    tell: (userId, text) => sender.directMessage(userId, text),
    log,
  });
  const stopRemoving = deps.deletion.onDeleted(remover.onDeleted);
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
          READY_TIMEOUT_MS,
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

import type { AdapterDeps, ChatAdapter } from '../adapter.js';
import { createJobMessageMachine } from '../shared/job-message-machine.js';
import { imageFor } from './blocks/media-image.js';
import { createBoltApp } from './bolt-app.js';
import { registerCommands } from './command-router.js';
import { createSlackMessageRemover } from './delete-messages.js';
import { installEventDedupe } from './event-dedupe.js';
import { registerGalleryActions } from './gallery-actions.js';
import { registerJobActions } from './job-actions.js';
import { createSlackJobPort } from './job-message-port.js';
import { registerGenerateModal } from './modal-handler.js';
import { createPostCheck } from './post-check.js';
import { registerReactions } from './reaction-handler.js';
import { installReplayGuard } from './replay-guard.js';
import type { SlackRuntime } from './runtime.js';
import { createSeenSet } from './seen-set.js';

/** Longest stop() waits for pending edits: the edit interval plus a send. */
const DRAIN_MS = 2_500;

/**
 * The Slack front-end: Bolt (HTTP on the bot's web server, or Socket Mode) routing slash commands, the
 * generate modal, buttons and 🔁 reactions into the core, and core status events into live messages.
 */
export function createSlackAdapter(deps: AdapterDeps): ChatAdapter {
  const config = deps.config.slack;
  if (!config) throw new Error('Slack is not configured (SLACK_BOT_TOKEN is not set).');
  const log = deps.log.child({ platform: 'slack' });
  const bolt = createBoltApp(config, deps.web, log);
  const mediaMode = deps.config.mediaDelivery;
  const jobMessages = createJobMessageMachine({
    port: createSlackJobPort({
      client: bolt.client,
      service: deps.service,
      catalogs: deps.catalogs,
      store: deps.store,
      mediaMode,
      log,
    }),
    jobs: deps.service,
    log,
  });
  // Subscribed before start so jobs resumed after a restart keep editing their messages.
  deps.service.onStatus(jobMessages.onStatus);
  // Deleted results (:x:, the Delete button, a purge) lose their chat message.
  const remover = createSlackMessageRemover({
    client: bolt.client,
    log,
  });
  const stopRemoving = deps.deletion.onDeleted(remover.onDeleted);
  const rt: SlackRuntime = {
    deps,
    client: bolt.client,
    jobMessages,
    canPost: createPostCheck(bolt.client, log),
    imageFor: (generation, thumb) => imageFor(generation, mediaMode, thumb),
  };
  const { app } = bolt;
  // First: a captured request sent again (to this replica or another) stops before anything is done.
  const stopReplayGuard = installReplayGuard(app, deps.seenRequests, log);
  installEventDedupe(app, createSeenSet(), log);
  registerCommands(app, rt);
  registerGenerateModal(app, rt);
  registerJobActions(app, rt);
  registerGalleryActions(app, rt);
  registerReactions(app, rt);
  app.error(async (error) => {
    log.error({ err: error }, 'unhandled Slack error');
  });

  return {
    name: 'slack',
    async start() {
      await bolt.start();
      log.info({ mode: bolt.mode }, 'slack adapter started');
    },
    async stop() {
      await bolt.stop();
      stopReplayGuard();
      stopRemoving();
      remover.stop();
      // Pending edits go out. The coalescer's drain also waits for jobs still running (it settles only on
      // final states), so it is bounded: those jobs keep editing while the core finishes or parks them.
      await Promise.race([
        jobMessages.drain(),
        new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref()),
      ]);
    },
    async postNotice(channelId, text) {
      // Ops alerts: plain text; mrkdwn off so numbers and ids are shown as written.
      await bolt.client.chat.postMessage({ channel: channelId, text, mrkdwn: false, unfurl_links: false });
    },
    readiness: () => ({
      name: 'slack',
      check() {
        if (!bolt.connected())
          throw new Error(bolt.mode === 'socket' ? 'Socket Mode is not connected' : 'not started');
      },
    }),
  };
}

import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { SlackConfig } from '../../config.js';
import type { Logger } from '../../core/logger.js';
import type { WebServer } from '../../web/server.js';
import { boltLogger } from './bolt-logger.js';
import { withObjectBody } from './event-body.js';
import { signedRequestProperties, socketEnvelopeProperties } from './replay-guard.js';

export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Web API retries: rate-limited calls wait Retry-After and try again, errors back off. Bounded, so a
 * shutdown never waits behind Slack's default half-hour retry schedule.
 */
const RETRY = { retries: 10, factor: 2, minTimeout: 250, maxTimeout: 10_000, randomize: true };

/**
 * The Bolt app and how events reach it. HTTP mode mounts Bolt's own HTTPReceiver (signature and
 * timestamp checks included) on the bot's one web server at POST /slack/events; with an app token it uses
 * Socket Mode, whose client opens its connection through SLACK_API_URL too.
 */
export function createBoltApp(config: SlackConfig, web: WebServer, log: Logger) {
  const logger = boltLogger(log);
  const clientOptions = { slackApiUrl: config.apiUrl, retryConfig: RETRY };
  const socketMode = config.appToken !== undefined;
  let accepting = false;
  let socket: SocketModeReceiver | undefined;
  let receiver: HTTPReceiver | SocketModeReceiver;
  if (config.appToken) {
    socket = new SocketModeReceiver({
      appToken: config.appToken,
      logger,
      installerOptions: { clientOptions },
      // For the replay guard (replay-guard.ts): envelope ids reach the middleware through the context.
      customPropertiesExtractor: socketEnvelopeProperties,
    });
    receiver = socket;
  } else {
    if (!config.signingSecret)
      throw new Error('SLACK_SIGNING_SECRET is required unless SLACK_APP_TOKEN is set');
    const http = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger,
      // For the replay guard (replay-guard.ts): each request's signature and timestamp reach the middleware.
      customPropertiesExtractor: signedRequestProperties,
    });
    receiver = http;
    web.route('POST', SLACK_EVENTS_PATH, (req, res) => {
      // Before start (auth.test) and after stop, Slack is told to try again later.
      if (!accepting) res.writeHead(503, { 'retry-after': '5' }).end();
      else return withObjectBody(req, res, (buffered) => http.requestListener(buffered, res));
    });
  }
  // deferInitialization: auth.test runs in start(), where a bad token fails loudly instead of 401-ing every request.
  const app = new App({ token: config.botToken, receiver, logger, clientOptions, deferInitialization: true });

  return {
    app,
    client: app.client,
    mode: socketMode ? ('socket' as const) : ('http' as const),
    async start(): Promise<void> {
      await app.init();
      if (socket) await app.start();
      accepting = true;
    },
    async stop(): Promise<void> {
      accepting = false;
      if (socket) await app.stop();
    },
    connected(): boolean {
      if (!accepting) return false;
      return socket ? socket.client.websocket?.isActive() === true : true;
    },
  };
}

export type BoltHandle = ReturnType<typeof createBoltApp>;

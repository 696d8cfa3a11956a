import { commands } from '../../../commands/index.js';
import type { CatalogRegistry } from '../../core/catalog/load-catalogs.js';
import { SLACK_BOT_SCOPES } from './bot-scopes.js';
import { usageHint } from './command-text.js';

export const SLACK_BOT_EVENTS = ['reaction_added'] as const;

export interface SlackManifestOptions {
  /** Socket Mode apps need no request URLs. */
  socketMode?: boolean;
  name?: string;
}

/**
 * The Slack app manifest (https://api.slack.com/reference/manifests), derived from `commands/`: paste it
 * into "Create New App → From a manifest". Requests go to `${publicBaseUrl}/slack/events`.
 */
export function buildSlackManifest(
  catalogs: CatalogRegistry,
  publicBaseUrl: string,
  options: SlackManifestOptions = {},
) {
  const requestUrl = `${publicBaseUrl.replace(/\/+$/, '')}/slack/events`;
  const http = !options.socketMode;
  const name = options.name ?? 'Atelier';
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'On-brand AI images from slash commands',
      long_description:
        'Atelier turns /generate into on-brand images: pick a style, pose, outfit and more from the brand catalog, watch the job move, re-roll with 🔁 and browse your results with /gallery.',
      background_color: '#2c2d30',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      slash_commands: commands.map((command) => ({
        command: `/${command.name}`,
        description: command.description.slice(0, 100),
        usage_hint: usageHint(command.options(catalogs)),
        should_escape: true,
        ...(http ? { url: requestUrl } : {}),
      })),
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      event_subscriptions: {
        ...(http ? { request_url: requestUrl } : {}),
        bot_events: [...SLACK_BOT_EVENTS],
      },
      interactivity: { is_enabled: true, ...(http ? { request_url: requestUrl } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !http,
      token_rotation_enabled: false,
    },
  };
}

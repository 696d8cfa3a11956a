/**
 * What Slack always sends (the recorded samples merge optional fields, so they cannot say), which sample
 * each delivered payload is compared with, the methods the bot calls, and where the emulator differs on
 * purpose (or, marked DIVERGENCE, where the suite found a difference left to the emulator's owners).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SampleRules } from './lib/sample-compare.js';

/** Keys of an answer Slack always sends on success (docs.slack.dev/reference/methods/<method>, "Response"). */
export const ALWAYS_IN_ANSWER: Record<string, string[]> = {
  'auth.test': ['url', 'team', 'user', 'team_id', 'user_id'],
  'chat.postMessage': ['channel', 'ts', 'message'],
  'chat.update': ['channel', 'ts', 'text'],
  'chat.postEphemeral': ['message_ts'],
  'chat.delete': ['channel', 'ts'],
  'conversations.info': ['channel'],
  'conversations.history': ['messages', 'has_more'],
  'views.open': ['view'],
  'files.getUploadURLExternal': ['upload_url', 'file_id'],
  'files.completeUploadExternal': ['files'],
};

/** Keys Slack always delivers, per sample (docs.slack.dev pages named beside each). */
export const ALWAYS_IN_PAYLOAD: Record<string, string[]> = {
  // interactivity/implementing-slash-commands "command payload".
  SlashCommandPayload: [
    'token',
    'team_id',
    'team_domain',
    'channel_id',
    'channel_name',
    'user_id',
    'user_name',
    'command',
    'text',
    'api_app_id',
    'response_url',
    'trigger_id',
  ],
  // reference/interaction-payloads/block_actions-payload.
  BlockActionPayload: ['type', 'trigger_id', 'user', 'team', 'api_app_id', 'token', 'container', 'actions'],
  // reference/interaction-payloads/view-interactions-payload.
  ViewSubmissionPayload: ['type', 'team', 'user', 'view', 'api_app_id', 'token', 'trigger_id'],
  // apis/events-api "Callback field overview" and reference/events/reaction_added.
  ReactionAddedPayload: [
    'token',
    'team_id',
    'api_app_id',
    'event',
    'type',
    'event_id',
    'event_time',
    'event.type',
    'event.user',
    'event.reaction',
    'event.item',
    'event.item_user',
    'event.event_ts',
  ],
};
ALWAYS_IN_PAYLOAD.ReactionRemovedPayload = ALWAYS_IN_PAYLOAD.ReactionAddedPayload ?? [];

export function SAMPLE_OF_KIND(kind: string, payload: Record<string, unknown>): string | undefined {
  if (kind === 'slash_command') return 'SlashCommandPayload';
  if (kind === 'block_actions') return 'BlockActionPayload';
  if (kind === 'view_submission') return 'ViewSubmissionPayload';
  const event = (payload.event as { type?: string } | undefined)?.type;
  return event === 'reaction_added'
    ? 'ReactionAddedPayload'
    : event === 'reaction_removed'
      ? 'ReactionRemovedPayload'
      : undefined;
}

/** App-defined content (message metadata, input state keyed by the app's block ids): not compared. */
export const OPAQUE = [
  'message.metadata.event_payload',
  'messages[].metadata.event_payload',
  'state.values',
  'view.state.values',
  'view.blocks',
];

const RESPONSE_METADATA =
  'DIVERGENCE: the emulator answers response_metadata: {} on every call; Slack sends it only with warnings or a next_cursor';
const answers = Object.fromEntries(
  ['auth.test', 'reactions.add', 'chat.delete', 'files.delete', 'conversations.info'].map((m) => [
    m,
    { response_metadata: RESPONSE_METADATA },
  ]),
);

/** Sample → path → why the emulator differs there. */
export const SAMPLE_ALLOW: Record<string, Record<string, string>> = {
  ...answers,
  'chat.update': {
    'message.ts':
      'DIVERGENCE: chat.update’s recorded message has no ts (it is the top-level ts); the emulator repeats it',
    'message.thread_ts':
      'DIVERGENCE: not in chat.update’s recorded message; the emulator echoes the stored message',
    'message.parent_user_id': 'DIVERGENCE: as thread_ts',
    response_metadata: RESPONSE_METADATA,
  },
  SlashCommandPayload: {
    is_enterprise_install:
      'a command arrives form-encoded, so every value is a string on the wire; java-slack-sdk logs its parsed object',
  },
  BlockActionPayload: {
    'message.reactions[].users':
      'reactions carry users in Slack’s message objects (reference/methods/reactions.get); the merged log lacks it',
  },
  ViewSubmissionPayload: {
    response_urls:
      'DIVERGENCE: Slack sends response_urls only for modals with a response_url_enabled input; the emulator sends [] always',
  },
};

const SAMPLES = 'java-slack-sdk json-logs/samples';

/** How a Web API answer is held against java-slack-sdk's recorded one: no invented key, none missing. */
export const answerRules = (method: string): SampleRules => ({
  source: `${SAMPLES}/api/${method}.json`,
  required: ['ok', ...(ALWAYS_IN_ANSWER[method] ?? [])],
  extraAllowed: false,
  allow: SAMPLE_ALLOW[method] ?? {},
  opaque: OPAQUE,
});

/** How a delivered payload (command, action, submission, event) is held against its recorded sample. */
export const payloadRules = (name: string): SampleRules => ({
  source: `${SAMPLES} (${name})`,
  required: ALWAYS_IN_PAYLOAD[name] ?? [],
  extraAllowed: false,
  allow: SAMPLE_ALLOW[name] ?? {},
  opaque: OPAQUE,
});

/** Methods the bot calls that the scenario does not reach, each with the reason (args checks still apply). */
export const NOT_IN_SCENARIO: Record<string, string> = {
  'chat.postEphemeral':
    'runtime.ts posts an ephemeral only where no response_url is at hand (a failed reaction)',
  'conversations.history':
    'find-job-message.ts reads history only for a job message the database does not know',
};

const CALL = /client\.(\w+)\.(\w+)\(|client\.(\w+)\s*\.(\w+)\b|\bfilesUploadV2\(/g;

/** Web API methods the bot's code calls, by reading src/platforms/slack (filesUploadV2 is two methods). */
export function methodsInSource(
  dir = new URL('../../src/platforms/slack/', import.meta.url).pathname,
): string[] {
  const found = new Set<string>(['auth.test']); // Bolt's App.init, before anything else.
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    for (const m of readFileSync(join(dir, file), 'utf8').matchAll(CALL)) {
      if (m[0].startsWith('filesUploadV2')) {
        found.add('files.getUploadURLExternal');
        found.add('files.completeUploadExternal');
      } else found.add(`${m[1] ?? m[3]}.${m[2] ?? m[4]}`);
    }
  }
  return [...found].sort();
}

import type { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackEmulator, startSlackEmulator } from '../../../sandbox/slack/index.js';
import { defaultWorkspace } from '../../../sandbox/slack/workspace.js';
import { findJobMessage, jobMetadata } from '../../../src/platforms/slack/find-job-message.js';
import { emulatorWebClient } from '../../helpers/slack-web.js';

const ART = 'C0ART00001';
const SECRET = 'G0SECRET01';
const MAYA = 'U0MAYA0001';

/**
 * A job resumed after a crash finds the message an earlier run posted through conversations.history, which
 * needs the history scope of the conversation's type. The emulator's bot token carries the scopes of the
 * manifest the bot ships (src/platforms/slack/bot-scopes.ts) and refuses the others with missing_scope.
 */
describe('finding a job message again, in every kind of conversation, with the manifest’s scopes', () => {
  let emulator: SlackEmulator;
  let client: WebClient;

  beforeAll(async () => {
    const workspace = defaultWorkspace();
    workspace.channels.push({
      id: SECRET,
      name: 'secret',
      isPrivate: true,
      members: [MAYA, workspace.bot.userId],
    });
    emulator = await startSlackEmulator({ workspace });
    client = emulatorWebClient(emulator);
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it.each([
    ['a public channel', ART],
    ['a private channel', SECRET],
    ['a DM', MAYA],
  ])('in %s', async (_kind, where) => {
    const id = `job-${where}`;
    const createdAt = Date.now();
    const posted = await client.chat.postMessage({ channel: where, text: 'job', metadata: jobMetadata(id) });
    await client.chat.postMessage({ channel: where, text: 'someone else’s', metadata: jobMetadata('other') });
    const channel = posted.channel ?? where;
    expect(await findJobMessage(client, { id, channelId: channel, createdAt })).toEqual({
      channel,
      ts: posted.ts,
    });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOT_SCOPES } from '../../../../sandbox/slack/scopes.js';
import { startSlackEmulator } from '../../../../sandbox/slack/slack-emulator.js';
import type { SlackEmulator } from '../../../../sandbox/slack/slack-emulator-api.js';
import { defaultWorkspace } from '../../../../sandbox/slack/workspace.js';
import { emulatorWebClient } from '../../../helpers/slack-web.js';

const ART = 'C0ART00001';
const SECRET = 'G0SECRET01';
const MAYA = 'U0MAYA0001';

/** The sandbox workspace plus a private channel the bot is in. */
function withPrivateChannel() {
  const workspace = defaultWorkspace();
  workspace.channels.push({
    id: SECRET,
    name: 'secret',
    isPrivate: true,
    members: [MAYA, workspace.bot.userId],
  });
  return workspace;
}

const refusal = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    (e: { data?: unknown }) => e.data,
  );

describe('Slack emulator: the bot token carries scopes, and methods need theirs', () => {
  let emulator: SlackEmulator | undefined;
  afterEach(async () => {
    await emulator?.close();
  });

  it('answers missing_scope with what is needed and what the token has', async () => {
    emulator = await startSlackEmulator({ botScopes: ['commands'] });
    const client = emulatorWebClient(emulator);
    expect(await refusal(client.chat.postMessage({ channel: ART, text: 'x' }))).toMatchObject({
      ok: false,
      error: 'missing_scope',
      needed: 'chat:write',
      provided: 'commands',
    });
    // auth.test and views.* need no scope.
    expect((await client.auth.test()).ok).toBe(true);
    expect(emulator.messages(ART)).toHaveLength(0);
  });

  it('asks conversations.history for the scope of the conversation type: public, private, DM', async () => {
    emulator = await startSlackEmulator({
      workspace: withPrivateChannel(),
      botScopes: ['chat:write', 'channels:history'],
    });
    const client = emulatorWebClient(emulator);
    const dm = (await client.chat.postMessage({ channel: MAYA, text: 'hello' })).channel ?? '';
    expect((await client.conversations.history({ channel: ART })).ok).toBe(true);
    expect(await refusal(client.conversations.history({ channel: SECRET }))).toMatchObject({
      error: 'missing_scope',
      needed: 'groups:history',
    });
    expect(await refusal(client.conversations.history({ channel: dm }))).toMatchObject({
      error: 'missing_scope',
      needed: 'im:history',
    });
  });

  it('grants by default the scopes of the manifest the bot ships, which read every conversation type', async () => {
    emulator = await startSlackEmulator({ workspace: withPrivateChannel() });
    const client = emulatorWebClient(emulator);
    const auth = await client.auth.test();
    expect(auth.response_metadata?.scopes).toEqual([...DEFAULT_BOT_SCOPES]);
    const dm = (await client.chat.postMessage({ channel: MAYA, text: 'hello' })).channel ?? '';
    for (const channel of [ART, SECRET, dm])
      expect((await client.conversations.history({ channel })).ok, channel).toBe(true);
  });
});

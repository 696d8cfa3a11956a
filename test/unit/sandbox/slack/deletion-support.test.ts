import type { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateBlocks } from '../../../../sandbox/slack/blocks.js';
import { startSlackEmulator } from '../../../../sandbox/slack/slack-emulator.js';
import type { SlackEmulator } from '../../../../sandbox/slack/slack-emulator-api.js';
import { emulatorWebClient, slackErrorOf } from '../../../helpers/slack-web.js';

const ART = 'C0ART00001';
const text = (t: string) => ({ type: 'plain_text', text: t });
const button = (confirm: unknown) => [
  { type: 'actions', elements: [{ type: 'button', text: text('Delete'), action_id: 'd', confirm }] },
];

describe('Slack emulator: what deleting a result needs', () => {
  let emulator: SlackEmulator;
  let client: WebClient;
  const errorOf = slackErrorOf;

  beforeAll(async () => {
    emulator = await startSlackEmulator();
    client = emulatorWebClient(emulator);
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('files.delete removes the bot’s upload; a second delete is file_not_found', async () => {
    const upload = await client.filesUploadV2({ file: Buffer.from('png-bytes'), filename: 'a.png' });
    const id = (upload.files[0] as { files?: Array<{ id?: string }> }).files?.[0]?.id ?? '';
    expect(emulator.file(id)).toBeDefined();
    await client.files.delete({ file: id });
    expect(emulator.file(id)).toBeUndefined();
    expect(await errorOf(client.files.delete({ file: id }))).toBe('file_not_found');
  });

  it('chat.delete removes a message, which is then gone from the channel', async () => {
    const posted = await client.chat.postMessage({ channel: ART, text: 'to delete' });
    await client.chat.delete({ channel: ART, ts: posted.ts ?? '' });
    expect(emulator.message(ART, posted.ts ?? '')).toBeUndefined();
  });

  it('checks a button’s confirm dialog as Slack does', () => {
    const limits = { maxBlocks: 50, pointer: '/blocks' };
    const ok = {
      title: text('Delete?'),
      text: text('Gone for good.'),
      confirm: text('Delete'),
      deny: text('Keep'),
    };
    expect(validateBlocks(button({ ...ok, style: 'danger' }), limits)).toEqual([]);
    const errors = validateBlocks(button({ ...ok, deny: undefined, confirm: text('x'.repeat(31)) }), limits);
    expect(errors).toEqual([
      '[ERROR] must be less than 31 characters [json-pointer:/blocks/0/elements/0/confirm/confirm/text]',
      '[ERROR] must provide deny [json-pointer:/blocks/0/elements/0/confirm/deny]',
    ]);
    expect(validateBlocks(button({ ...ok, style: 'loud' }), limits)).toHaveLength(1);
  });
});

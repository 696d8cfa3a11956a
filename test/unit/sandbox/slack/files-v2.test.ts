import type { WebClient } from '@slack/web-api';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSlackEmulator } from '../../../../sandbox/slack/slack-emulator.js';
import type { SlackEmulator } from '../../../../sandbox/slack/slack-emulator-api.js';
import { emulatorWebClient, slackErrorOf } from '../../../helpers/slack-web.js';

const ART = 'C0ART00001';

describe('Slack emulator: files v2 uploads are processed asynchronously', () => {
  let emulator: SlackEmulator;
  let client: WebClient;
  let png: Buffer;

  beforeAll(async () => {
    png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#0a0' } })
      .png()
      .toBuffer();
    emulator = await startSlackEmulator();
    client = emulatorWebClient(emulator);
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(() => emulator.reset());

  /** files.getUploadURLExternal → POST the bytes → files.completeUploadExternal, as the docs describe it. */
  async function upload(bytes: Buffer, extra: Record<string, unknown> = {}): Promise<string> {
    const reserved = (await client.apiCall('files.getUploadURLExternal', {
      filename: 'a.png',
      length: bytes.length,
      ...extra,
    })) as unknown as { upload_url: string; file_id: string };
    const posted = await fetch(reserved.upload_url, { method: 'POST', body: new Uint8Array(bytes) });
    expect(posted.status).toBe(200);
    await client.files.completeUploadExternal({ files: [{ id: reserved.file_id }] });
    return reserved.file_id;
  }
  const showing = (id: string) =>
    client.chat.postMessage({
      channel: ART,
      text: 'file',
      blocks: [{ type: 'image', slack_file: { id }, alt_text: 'x' }],
    });

  it('refuses a fresh file id in an image block until it is processed, about a second later', async () => {
    const id = await upload(png);
    const refused = await showing(id).catch((e: { data: unknown }) => e.data);
    expect(refused).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
      errors: ['invalid slack file [json-pointer:/blocks/0/slack_file]'],
    });
    await expect.poll(() => emulator.file(id)?.processed, { timeout: 3_000 }).toBe(true);
    expect((await showing(id)).ok).toBe(true);
  });

  it('takes files at once when a test sets fileProcessingMs to 0', async () => {
    emulator.setKnobs({ fileProcessingMs: 0 });
    expect((await showing(await upload(png))).ok).toBe(true);
  });

  it('shows only PNG, JPEG and GIF files, given by id or by url (not both), and no unknown file', async () => {
    emulator.setKnobs({ fileProcessingMs: 0 });
    const webp = await upload(await sharp(png).webp().toBuffer());
    expect(await slackErrorOf(showing(webp))).toBe('invalid_blocks');
    expect(await slackErrorOf(showing('F0NOSUCHFILE'))).toBe('invalid_blocks');
    const id = await upload(png);
    const file = emulator.file(id);
    const url = `${emulator.url}/files-pri/${emulator.team.id}-${id}/${file?.name}`;
    const byUrl = [{ type: 'image', slack_file: { url }, alt_text: 'x' }];
    expect((await client.chat.postMessage({ channel: ART, text: 'u', blocks: byUrl })).ok).toBe(true);
    const both = [{ type: 'image', slack_file: { id, url }, alt_text: 'x' }];
    expect(await slackErrorOf(client.chat.postMessage({ channel: ART, text: 'b', blocks: both }))).toBe(
      'invalid_blocks',
    );
  });

  it('takes the alt text as alt_txt, as documented, and ignores alt_text', async () => {
    emulator.setKnobs({ fileProcessingMs: 0 });
    expect(emulator.file(await upload(png, { alt_txt: 'a green square' }))?.altText).toBe('a green square');
    expect(emulator.file(await upload(png, { alt_text: 'ignored' }))?.altText).toBeUndefined();
    expect(
      await slackErrorOf(
        client.apiCall('files.getUploadURLExternal', { filename: 'a', length: 1, alt_txt: 'a'.repeat(1001) }),
      ),
    ).toBe('alt_txt_too_large');
  });
});

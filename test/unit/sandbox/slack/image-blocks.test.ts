import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebClient } from '@slack/web-api';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSlackEmulator } from '../../../../sandbox/slack/slack-emulator.js';
import type { SlackEmulator } from '../../../../sandbox/slack/slack-emulator-api.js';
import { emulatorWebClient } from '../../../helpers/slack-web.js';

const ART = 'C0ART00001';
const image = (width = 4) =>
  sharp({ create: { width, height: 4, channels: 3, background: { r: 10, g: 200, b: 90 } } });

/** What Slack answered, errors included (the client throws the body of a refusal). */
const answerOf = (call: Promise<unknown>) =>
  call.then(
    () => ({ ok: true }),
    (e: { data?: unknown }) => e.data,
  );

describe('Slack emulator: image blocks are downloaded and checked as Slack does', () => {
  let emulator: SlackEmulator;
  let client: WebClient;
  let media: Server;
  let base: string;
  const bodies = new Map<string, { type: string; body: Buffer }>();

  beforeAll(async () => {
    bodies.set('/a.png', { type: 'image/png', body: await image().png().toBuffer() });
    bodies.set('/a.jpg', { type: 'image/jpeg', body: await image().jpeg().toBuffer() });
    bodies.set('/a.gif', { type: 'image/gif', body: await image().gif().toBuffer() });
    bodies.set('/a.webp', { type: 'image/webp', body: await image().webp().toBuffer() });
    // The header lies: Slack looks at the bytes.
    bodies.set('/lying.png', { type: 'image/png', body: await image().webp().toBuffer() });
    bodies.set('/page.png', { type: 'image/png', body: Buffer.from('<html>not an image</html>') });
    media = createServer((req, res) => {
      const found = bodies.get(req.url ?? '');
      if (!found) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': found.type }).end(found.body);
    });
    await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
    emulator = await startSlackEmulator();
    client = emulatorWebClient(emulator);
  });
  afterAll(async () => {
    await emulator?.close();
    await new Promise((resolve) => media?.close(resolve));
  });
  beforeEach(() => emulator.reset());

  const imageBlock = (url: string) => ({ type: 'image', image_url: url, alt_text: 'x' });

  it('accepts PNG, JPEG and GIF it could download', async () => {
    const blocks = ['/a.png', '/a.jpg', '/a.gif'].map((p) => imageBlock(`${base}${p}`));
    expect(await answerOf(client.chat.postMessage({ channel: ART, text: 'ok', blocks }))).toEqual({
      ok: true,
    });
  });

  it('refuses WebP, bytes that are no image (whatever the header says), a 404 and an unreachable host', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const urls = ['/a.png', '/a.webp', '/lying.png', '/page.png', '/missing.png'].map((p) => `${base}${p}`);
    const blocks = [...urls, `http://127.0.0.1:${closed}/a.png`].map(imageBlock);
    const answer = await answerOf(client.chat.postMessage({ channel: ART, text: 'no', blocks }));
    const failed = [1, 2, 3, 4, 5].map(
      (i) => `downloading image failed [json-pointer:/blocks/${i}/image_url]`,
    );
    expect(answer).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
      errors: failed,
      response_metadata: { messages: failed.map((m) => `[ERROR] ${m}`) },
    });
    expect(emulator.messages(ART)).toHaveLength(0);
  });

  it('checks section accessories and context images too, on chat.update and in views', async () => {
    const posted = await client.chat.postMessage({ channel: ART, text: 'card' });
    const blocks = [
      { type: 'section', text: { type: 'mrkdwn', text: 'a' }, accessory: imageBlock(`${base}/a.webp`) },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'b' }, imageBlock(`${base}/a.webp`)] },
    ];
    expect(
      await answerOf(client.chat.update({ channel: ART, ts: posted.ts ?? '', text: 'x', blocks })),
    ).toMatchObject({
      error: 'invalid_blocks',
      errors: [
        'downloading image failed [json-pointer:/blocks/0/accessory/image_url]',
        'downloading image failed [json-pointer:/blocks/1/elements/1/image_url]',
      ],
    });
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'T' }, blocks };
    expect(await answerOf(client.views.open({ trigger_id: '1.2.3', view }))).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: {
        messages: expect.arrayContaining([
          '[ERROR] downloading image failed [json-pointer:/view/blocks/0/accessory/image_url]',
        ]),
      },
    });
  });

  it('fetches nothing when a test turns the knob off', async () => {
    emulator.setKnobs({ fetchImages: false });
    const blocks = [imageBlock(`${base}/a.webp`)];
    expect(await answerOf(client.chat.postMessage({ channel: ART, text: 'ok', blocks }))).toEqual({
      ok: true,
    });
  });
});

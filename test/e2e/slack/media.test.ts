import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EphemeralMessage, SlackMessage } from '../../../sandbox/slack/index.js';
import { ART, MAYA, type SlackBotFixture, startSlackBotFixture } from '../../helpers/slack-bot-fixture.js';

/**
 * Slack downloads every image_url as a message is posted and shows PNG, JPEG and GIF only; the emulator
 * does too (sandbox/slack/image-check.ts). These run the real bot with its media linked.
 */
type Node = {
  type?: string;
  image_url?: string;
  slack_file?: { id: string };
  accessory?: Node;
  text?: unknown;
};
const blocksOf = (m: { blocks?: unknown[] }) => (m.blocks ?? []) as Node[];
const accessories = (e: EphemeralMessage) => blocksOf(e).flatMap((b) => (b.accessory ? [b.accessory] : []));
const STYLES = ['watercolor', 'comic-book', 'pixel-art'];
const command = (style: string) =>
  `style:${style} pose:waving outfit:explorer footwear:hiking-boots prop:torch frame:hero`;

async function generate(f: SlackBotFixture, style: string): Promise<SlackMessage> {
  const before = new Set(f.botMessages().map((m) => m.ts));
  await f.slack.slashCommand({ userId: MAYA, channelId: ART, command: '/generate', text: command(style) });
  const message = await f.until(() => f.botMessages().find((m) => !before.has(m.ts)));
  return f.finalMessage(ART, message.ts, 20_000);
}

/** Runs /gallery and returns the answer Maya sees (or the error reply). */
async function gallery(f: SlackBotFixture): Promise<EphemeralMessage> {
  const seen = new Set(f.slack.ephemerals(MAYA).map((e) => e.ts));
  await f.slack.slashCommand({ userId: MAYA, channelId: ART, command: '/gallery' });
  return f.until(() => f.slack.ephemerals(MAYA).find((e) => !seen.has(e.ts)));
}

describe('Slack media at a public URL (as with R2): Slack downloads every image', () => {
  let f: SlackBotFixture;
  beforeAll(async () => {
    f = await startSlackBotFixture({ publicMedia: true });
    for (const style of STYLES) await generate(f, style);
  });
  afterAll(async () => {
    await f?.close();
  });

  it('job cards link the stored image, which Slack could download', async () => {
    const cards = f.botMessages().map((m) => blocksOf(m).find((b) => b.type === 'image'));
    expect(cards.map((b) => b?.image_url)).toEqual(
      STYLES.map(() => expect.stringMatching(/\/media\/images\/.+\.png$/)),
    );
  });

  it('/gallery shows every thumbnail: JPEG thumbnails Slack accepts', async () => {
    const answer = await gallery(f);
    const thumbs = accessories(answer);
    expect(thumbs).toHaveLength(STYLES.length);
    for (const thumb of thumbs) expect(thumb.image_url).toMatch(/\/media\/thumbs\/.+\.jpg$/);
    expect(f.slack.responses().filter((r) => r.effect === 'rejected')).toEqual([]);
  });

  it('a record from before (WebP thumbnail only) shows its full PNG image in /gallery instead', async () => {
    const [first] = f.botMessages();
    const job = await f.jobOf(first!);
    const thumbKey = job!.thumbKey!.replace(/\.jpg$/, '.webp');
    const file = join(f.dir, 'media', ...thumbKey.split('/'));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(
      file,
      await sharp(join(f.dir, 'media', ...job!.imageKey!.split('/')))
        .webp()
        .toBuffer(),
    );
    await f.bot.core.database.client.execute({
      sql: 'UPDATE generations SET thumb_key = ?, thumb_url = ? WHERE id = ?',
      args: [thumbKey, job!.thumbUrl!.replace(/\.jpg$/, '.webp'), job!.id],
    });
    const thumbs = accessories(await gallery(f)).map((t) => t.image_url);
    expect(thumbs).toHaveLength(STYLES.length);
    expect(thumbs).toContain(job!.imageUrl);
    expect(thumbs.some((u) => u?.endsWith('.webp'))).toBe(false);
  });
});

describe('Slack media linked where Slack cannot download it (a misconfigured public URL)', () => {
  let f: SlackBotFixture;
  beforeAll(async () => {
    // PUBLIC_BASE_URL stays at a port nothing listens on, and the media is linked rather than uploaded.
    f = await startSlackBotFixture({ env: { MEDIA_DELIVERY: 'link' } });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('the job still ends with its image: refused as invalid_blocks, the card shows the uploaded file', async () => {
    const final = await generate(f, 'watercolor');
    const refused = f.slack
      .callsTo('chat.update')
      .filter((c) => c.args.ts === final.ts && c.error === 'invalid_blocks');
    expect(refused.length).toBeGreaterThanOrEqual(1);
    const image = blocksOf(final).find((b) => b.type === 'image');
    const fileId = image?.slack_file?.id;
    expect(fileId).toBeTruthy();
    const job = await f.jobOf(final);
    const stored = await f.bot.core.store.get(job!.imageKey!);
    expect(f.slack.file(fileId!)?.bytes.equals(stored!.body)).toBe(true);
    // The alt text reached Slack: sent as alt_txt, the argument files.getUploadURLExternal documents.
    expect(f.slack.file(fileId!)?.altText).toContain('Watercolor');
  });

  it('when the upload fails too, the card says so and links the image', async () => {
    f.slack.setKnobs({ failNext: { 'files.getUploadURLExternal': { error: 'internal_error', count: 1 } } });
    const final = await generate(f, 'comic-book');
    const job = await f.jobOf(final);
    expect(blocksOf(final).some((b) => b.type === 'image')).toBe(false);
    const shown = JSON.stringify(final.blocks);
    expect(shown).toContain('Slack could not show the image here');
    expect(shown).toContain(job!.imageUrl!);
  });

  it('/gallery still answers, without the thumbnails Slack could not download', async () => {
    const answer = await gallery(f);
    expect(JSON.stringify(answer.blocks)).toContain('Images by');
    expect(accessories(answer)).toHaveLength(0);
    expect(JSON.stringify(answer.blocks)).toContain('2 in all');
  });
});

describe('Slack media uploaded (a private media URL, the default): files v2 are processed after a delay', () => {
  let f: SlackBotFixture;
  beforeAll(async () => {
    // Slack takes "about a second" (python-slack-sdk#1521); a slower 2.5 s shows the bot keeps trying.
    f = await startSlackBotFixture({ slackKnobs: { fileProcessingMs: 2_500 } });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('the card shows the uploaded image once Slack has processed it', async () => {
    const final = await generate(f, 'pixel-art');
    const fileId = blocksOf(final).find((b) => b.type === 'image')?.slack_file?.id;
    expect(fileId).toBeTruthy();
    expect(f.slack.file(fileId!)?.processed).toBe(true);
    // The bot waited for the file: every try after the upload showed it (none fell back to the private
    // link Slack cannot download), and the fresh id was refused at most twice (tries 1, 2 and 4 s after it).
    const uploaded = f.slack.callsTo('files.completeUploadExternal').at(-1)!.at;
    const tries = f.slack.callsTo('chat.update').filter((c) => c.args.ts === final.ts && c.at >= uploaded);
    expect(
      tries.every((c) => JSON.stringify(c.args.blocks).includes(`"slack_file":{"id":"${fileId}"}`)),
    ).toBe(true);
    const refused = tries.filter((c) => !c.ok);
    expect(refused.length).toBeLessThanOrEqual(2);
    for (const call of refused) expect(call.error).toBe('invalid_blocks');
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refOf } from '../../../src/platforms/slack/message-ref.js';
import {
  ART,
  MAYA,
  RAVI,
  type SlackBotFixture,
  startSlackBotFixture,
} from '../../helpers/slack-bot-fixture.js';

const ALL_DIMENSIONS =
  'style:claymation pose:waving outfit:explorer footwear:hiking-boots prop:lantern frame:hero';
const ADMIN = 'U0ADMIN001';

describe('Slack deletion: :x: and the Delete button', () => {
  let f: SlackBotFixture;

  beforeAll(async () => {
    f = await startSlackBotFixture({ env: { SLACK_ADMIN_USER_IDS: ADMIN } });
  });
  afterAll(async () => {
    await f?.close();
  });

  /** A finished result made by `userId`: its message ts, its record and the file uploaded for it. */
  async function finished(userId: string) {
    const before = new Set(f.botMessages().map((m) => m.ts));
    await f.slack.slashCommand({ userId, channelId: ART, command: '/generate', text: ALL_DIMENSIONS });
    const message = await f.until(() => f.botMessages().find((m) => !before.has(m.ts) && !m.thread_ts));
    await f.finalMessage(ART, message.ts);
    const job = await f.jobOf(message);
    if (job?.status !== 'done' || !job.imageKey) throw new Error('expected a finished job with an image');
    return { ts: message.ts, job, fileId: refOf(job)?.fileId };
  }
  const removed = (ts: string) => f.until(() => f.slack.message(ART, ts) === undefined);
  const record = (id: string) => f.bot.core.generations.get(id);
  const fileOf = (key: string) => join(f.dir, 'media', ...key.split('/'));
  const react = (userId: string, ts: string) => f.slack.react({ userId, channelId: ART, ts, reaction: 'x' });
  const deleteButtonOf = (ts: string) =>
    f.slack
      .message(ART, ts)
      ?.blocks?.flatMap((b) => ((b as { elements?: unknown[] }).elements ?? []) as Record<string, unknown>[])
      .find((e) => e.action_id === 'job:delete');

  it(':x: by the requester removes the message, the uploaded file and the stored image', async () => {
    const { ts, job, fileId } = await finished(MAYA);
    expect(fileId && f.slack.file(fileId)).toBeTruthy();
    await react(MAYA, ts);
    await removed(ts);
    expect(await record(job.id)).toMatchObject({ status: 'deleted', deletedBy: MAYA, imageUrl: null });
    expect(existsSync(fileOf(job.imageKey!))).toBe(false);
    await f.until(() => f.slack.file(fileId!) === undefined);
  });

  it('ignores :x: by someone who is neither the requester nor an admin; an admin may delete anyone’s', async () => {
    const mayas = await finished(MAYA);
    const ravis = await finished(RAVI);
    await react(RAVI, mayas.ts);
    await react(RAVI, ravis.ts);
    await removed(ravis.ts);
    expect(f.slack.message(ART, mayas.ts)).toBeDefined();
    expect((await record(mayas.job.id))?.status).toBe('done');
    expect(f.slack.ephemerals(RAVI)).toHaveLength(0);
    await react(ADMIN, mayas.ts);
    await removed(mayas.ts);
    expect(await record(mayas.job.id)).toMatchObject({ status: 'deleted', deletedBy: ADMIN, userId: MAYA });
  });

  it('offers Delete behind Slack’s confirm dialog; refuses others privately, deletes for the requester', async () => {
    const { ts, job } = await finished(MAYA);
    const button = deleteButtonOf(ts);
    expect(button).toMatchObject({
      value: job.id,
      confirm: { confirm: { text: 'Delete' }, deny: { text: 'Keep' }, style: 'danger' },
    });
    await f.slack.blockAction({ userId: RAVI, channelId: ART, messageTs: ts, actionId: 'job:delete' });
    const refusal = await f.until(() => f.slack.ephemerals(RAVI)[0]);
    expect(refusal.text).toContain('Only the person who made this image, or a server/workspace admin');
    expect((await record(job.id))?.status).toBe('done');
    await f.slack.blockAction({ userId: MAYA, channelId: ART, messageTs: ts, actionId: 'job:delete' });
    await removed(ts);
    expect((await record(job.id))?.status).toBe('deleted');
  });

  it('replaces the message with a note when Slack will not delete it', async () => {
    const { ts } = await finished(MAYA);
    f.slack.setKnobs({ failNext: { 'chat.delete': { error: 'cant_delete_message', count: 1 } } });
    await react(MAYA, ts);
    const note = await f.until(() => {
      const m = f.slack.message(ART, ts);
      return m?.text === 'This image was deleted.' ? m : undefined;
    });
    expect(note.blocks ?? []).toEqual([]);
  });
});

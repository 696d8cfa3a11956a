import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ART,
  MAYA,
  RANDOM,
  type SlackBotFixture,
  startSlackBotFixture,
} from '../../helpers/slack-bot-fixture.js';

const ALL_DIMENSIONS =
  'style:comic-book pose:flexing outfit:explorer footwear:hiking-boots prop:torch frame:hero';

type Block = {
  type: string;
  slack_file?: { id: string };
  image_url?: string;
  elements?: Array<{ text?: string }>;
};
const blocksOf = (m: { blocks?: unknown[] }) => (m.blocks ?? []) as Block[];
const parseBlocks = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Block[];
const statusOf = (blocks: Block[]) => blocks.find((b) => b.type === 'context')?.elements?.[0]?.text ?? '';

describe('Slack /generate end to end (real Bolt in the real bot, emulated Slack and fal)', () => {
  let f: SlackBotFixture;

  beforeAll(async () => {
    f = await startSlackBotFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  /** Runs /generate and returns the job message it produced (the first new bot message in #art). */
  async function generate(text: string) {
    const before = new Set(f.botMessages().map((m) => m.ts));
    const result = await f.slack.slashCommand({ userId: MAYA, channelId: ART, command: '/generate', text });
    const message = await f.until(() => f.botMessages().find((m) => !before.has(m.ts)));
    return { result, message };
  }

  it('posts the job for a command with every dimension and updates it to the uploaded image', async () => {
    const { result, message } = await generate(`${ALL_DIMENSIONS} a red scarf &amp; a hat`);
    expect(result).toMatchObject({ acked: true, status: 200 });
    const final = await f.finalMessage(ART, message.ts);
    const job = await f.jobOf(final);
    expect(job).toMatchObject({
      status: 'done',
      userId: MAYA,
      channelId: ART,
      extra: 'a red scarf & a hat',
      options: expect.objectContaining({ style: 'comic-book', pose: 'flexing', prop: 'torch' }),
    });
    // PUBLIC_BASE_URL is 127.0.0.1 (Slack cannot fetch it), so MEDIA_DELIVERY=auto uploads the image.
    const image = blocksOf(final).find((b) => b.type === 'image');
    const fileId = image?.slack_file?.id;
    expect(fileId).toBeTruthy();
    const stored = await f.bot.core.store.get(job!.imageKey!);
    expect(f.slack.file(fileId!)?.bytes.equals(stored!.body)).toBe(true);
    expect(JSON.stringify(final.blocks)).toContain('Re-roll');
    expect(JSON.stringify(final.blocks)).toContain(`seed ${job!.seed}`);
    // The user text is shown escaped, as typed.
    expect(JSON.stringify(final.blocks)).toContain('a red scarf &amp; a hat');
    // The requester can re-roll with one click on the bot's own 🔁.
    await f.until(() => f.slack.message(ART, message.ts)?.reactions?.some((r) => r.name === 'repeat'));
  });

  it('answers an invalid value privately, naming the allowed values, and starts nothing', async () => {
    const jobsBefore = (
      await f.bot.core.service.history({ limit: 100, offset: 0, status: undefined as never })
    ).total;
    const postsBefore = f.slack.callsTo('chat.postMessage').length;
    const result = await f.slack.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/generate',
      text: 'style:crayon pose:waving',
    });
    expect(result.acked).toBe(true);
    const answer = await f.until(() => f.slack.ephemerals(MAYA).find((e) => e.text.includes('crayon')));
    expect(answer.text).toMatch(/Unknown style "crayon"/);
    expect(answer.text).toContain('Allowed:');
    expect(answer.text).toContain('comic-book');
    expect(f.slack.callsTo('chat.postMessage')).toHaveLength(postsBefore);
    expect((await f.bot.core.service.history({ limit: 100, offset: 0 })).total).toBeLessThanOrEqual(
      jobsBefore,
    );
  });

  it('answers a mistyped option name in the ack itself', async () => {
    const result = await f.slack.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/generate',
      text: 'stlye:comic-book',
    });
    expect(result.ack).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('Did you mean "style"'),
    });
  });

  it('explains a channel it cannot post in, and hides unexpected errors behind a reference id', async () => {
    await f.slack.slashCommand({
      userId: MAYA,
      channelId: RANDOM,
      command: '/generate',
      text: ALL_DIMENSIONS,
    });
    const invite = await f.until(() => f.slack.ephemerals(MAYA).find((e) => e.channel === RANDOM));
    expect(invite.text).toContain('/invite');

    // The job's message is posted by the job-message machine, which tries a failed post again: the job is
    // not lost to a passing error, and nobody is told something went wrong.
    const before = new Set(f.botMessages().map((m) => m.ts));
    f.slack.setKnobs({ failNext: { 'chat.postMessage': { error: 'internal_error', count: 1 } } });
    await f.slack.slashCommand({ userId: MAYA, channelId: ART, command: '/generate', text: ALL_DIMENSIONS });
    await f.until(() => f.botMessages().find((m) => !before.has(m.ts)));
    expect(f.slack.ephemerals(MAYA).some((e) => e.text.includes('reference'))).toBe(false);

    // A call the command itself makes (a sequence's thread parent) fails: the person gets a reference id.
    const [jobsBefore, posted] = [await f.countJobs(), new Set(f.botMessages().map((m) => m.ts))];
    f.slack.setKnobs({ failNext: { 'chat.postMessage': { error: 'internal_error', count: 1 } } });
    await f.slack.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/sequence',
      text: 'style:comic-book',
    });
    const answer = await f.until(() => f.slack.ephemerals(MAYA).find((e) => e.text.includes('reference')));
    expect(answer.text).toMatch(/Something went wrong on our side.*reference [0-9A-F]{8}/);
    expect(answer.text).not.toContain('internal_error');
    // Its frames still end in the channel (without their thread): waited for, so later tests start clean.
    const frames = (await f.countJobs()) - jobsBefore;
    const shown = await f.until(() => {
      const fresh = f.botMessages(ART).filter((m) => !posted.has(m.ts));
      return fresh.length === frames && fresh;
    });
    for (const frame of shown) await f.finalMessage(ART, frame.ts);
  });

  it('opens a modal for missing dimensions and starts the job when it is submitted', async () => {
    const viewsBefore = f.slack.views(MAYA).length;
    await f.slack.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/generate',
      text: 'style:watercolor by the sea',
    });
    const record = await f.until(() => f.slack.views(MAYA)[viewsBefore]);
    const view = record.view;
    const inputs = view.blocks.filter((b) => (b as { type: string }).type === 'input') as Array<{
      block_id: string;
      element: {
        type: string;
        options?: unknown[];
        initial_option?: { value: string };
        initial_value?: string;
      };
    }>;
    const dims = inputs.filter((b) => b.block_id.startsWith('dim:'));
    expect(dims.map((b) => b.block_id)).toEqual([
      'dim:style',
      'dim:pose',
      'dim:outfit',
      'dim:footwear',
      'dim:prop',
      'dim:frame',
    ]);
    for (const d of dims) {
      expect(d.element.type).toBe('static_select');
      expect(d.element.options!.length).toBeLessThanOrEqual(100);
    }
    expect(dims[0]!.element.initial_option?.value).toBe('watercolor');
    expect(inputs.find((b) => b.block_id === 'prompt')?.element.initial_value).toBe('by the sea');

    // An incompatible combination is shown inside the modal, which stays open.
    const refused = await f.slack.submitView({
      userId: MAYA,
      values: { 'dim:outfit': 'winter-furs', 'dim:footwear': 'barefoot' },
    });
    expect(refused.responseAction).toBe('errors');
    expect(Object.values(refused.errors ?? {}).join(' ')).toMatch(/winter furs/i);
    expect(f.slack.openViews(MAYA)).toHaveLength(1);

    const before = new Set(f.botMessages().map((m) => m.ts));
    const submitted = await f.slack.submitView({
      userId: MAYA,
      values: { 'dim:pose': 'waving', 'dim:frame': 'welcome' },
    });
    expect(submitted.acked).toBe(true);
    expect(f.slack.openViews(MAYA)).toHaveLength(0);
    const message = await f.until(() => f.botMessages().find((m) => !before.has(m.ts)));
    const final = await f.finalMessage(ART, message.ts);
    expect(await f.jobOf(final)).toMatchObject({
      status: 'done',
      extra: 'by the sea',
      options: expect.objectContaining({ style: 'watercolor', pose: 'waving', frame: 'welcome' }),
    });
  });

  it('edits one job message a handful of times as the job moves, ending in the final state', async () => {
    f.fal.setKnobs({ latencyMs: 2_500 });
    try {
      const { message } = await generate(ALL_DIMENSIONS.replace('comic-book', 'pixel-art'));
      const final = await f.finalMessage(ART, message.ts, 15_000);
      const updates = f.slack.callsTo('chat.update').filter((c) => c.args.ts === message.ts);
      const statuses = updates.map((c) => statusOf(parseBlocks(c.args.blocks)));
      console.log(`chat.update calls for one job: ${updates.length} (${statuses.join(' → ')})`);
      expect(updates.length).toBeGreaterThanOrEqual(2);
      expect(updates.length).toBeLessThanOrEqual(6);
      expect(statuses.at(-1)).toMatch(/^✅/);
      expect(statuses.some((s) => s.startsWith('🎨'))).toBe(true);
      // Coalesced: non-final edits of one message are at least about the interval apart.
      const gaps = updates.slice(1, -1).map((c, i) => c.at - updates[i]!.at);
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
      expect(statusOf(blocksOf(final))).toMatch(/^✅/);
    } finally {
      f.fal.setKnobs({ latencyMs: 40 });
    }
  });

  it('still ends in the final state when chat.update is rate limited', async () => {
    f.slack.setKnobs({ rateLimitNext: { 'chat.update': 2 }, retryAfterSeconds: 1 });
    const { message } = await generate(ALL_DIMENSIONS.replace('comic-book', 'low-poly'));
    const final = await f.finalMessage(ART, message.ts, 15_000);
    expect(statusOf(blocksOf(final))).toMatch(/^✅/);
    const limited = f.slack.callsTo('chat.update').filter((c) => c.status === 429);
    expect(limited.length).toBe(2);
    await f.until(() => f.slack.message(ART, message.ts)?.reactions?.length);
  });

  it('costs a handful of Slack API calls per job', async () => {
    const from = f.slack.calls.length;
    const { message } = await generate(ALL_DIMENSIONS.replace('comic-book', 'vinyl-toy'));
    await f.finalMessage(ART, message.ts);
    await f.until(() => f.slack.calls.slice(from).some((c) => c.method === 'reactions.add'));
    const byMethod: Record<string, number> = {};
    for (const c of f.slack.calls.slice(from)) byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
    const chat = (byMethod['chat.postMessage'] ?? 0) + (byMethod['chat.update'] ?? 0);
    console.log(`Slack API calls for one job: ${JSON.stringify(byMethod)} (chat.* ${chat})`);
    expect(byMethod['chat.postMessage']).toBe(1);
    expect(chat).toBeLessThanOrEqual(3);
    expect(f.slack.calls.length - from).toBeLessThanOrEqual(6);
  });

  it('acknowledges slash commands well within Slack’s 3 s', () => {
    const acks = f.slack.deliveries
      .filter((d) => d.kind === 'slash_command')
      .map((d) => d.durationMs ?? Infinity);
    const sorted = [...acks].sort((a, b) => a - b);
    console.log(
      `slash command ack ms: n=${acks.length} p50=${sorted[Math.floor(sorted.length / 2)]} max=${sorted.at(-1)}`,
    );
    expect(acks.length).toBeGreaterThan(3);
    expect(Math.max(...acks)).toBeLessThan(3_000);
  });
});

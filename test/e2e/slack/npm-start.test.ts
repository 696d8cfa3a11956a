import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FalEmulator, startFalEmulator } from '../../../sandbox/fal/fal-emulator.js';
import { pickPort } from '../../../sandbox/free-port.js';
import { type SlackEmulator, startSlackEmulator } from '../../../sandbox/slack/index.js';
import { PROJECT_ROOT } from '../../../src/paths.js';

const MAYA = 'U0MAYA0001';
const ART = 'C0ART00001';

/** The bot's own process: the deepest descendant of `pid` running src/main.ts (npm → sh → tsx → node). */
function botProcessOf(pid: number): number {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => {
      const [p, pp, ...args] = line.trim().split(/\s+/);
      return { pid: Number(p), ppid: Number(pp), args: args.join(' ') };
    });
  let found = pid;
  let level = [pid];
  while (level.length > 0) {
    const children = table.filter((row) => level.includes(row.ppid));
    const bot = children.find((row) => row.args.includes('src/main.ts'));
    if (bot) found = bot.pid;
    level = children.map((row) => row.pid);
  }
  return found;
}

async function until<T>(
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('done when: `npm start` against an emulated Slack and fal', () => {
  let slack: SlackEmulator;
  let fal: FalEmulator;
  let dir: string;
  let child: ChildProcess;
  let port = 0;
  const logs: Array<Record<string, unknown>> = [];
  let exited: Promise<number | null>;

  /** The bot's own address: Slack downloads the linked images from its /media route. */
  let PUBLIC_BASE_URL = '';

  beforeAll(async () => {
    const chosen = await pickPort('127.0.0.1', 0);
    PUBLIC_BASE_URL = `http://127.0.0.1:${chosen}`;
    dir = await mkdtemp(join(tmpdir(), 'atelier-npm-start-'));
    fal = await startFalEmulator({ knobs: { latencyMs: 40, latencySpreadMs: 0 } });
    slack = await startSlackEmulator();
    child = spawn('npm', ['start', '--silent'], {
      cwd: PROJECT_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DISCORD_TOKEN: '',
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: slack.signingSecret,
        SLACK_API_URL: slack.apiUrl,
        FAL_KEY: 'test-key',
        FAL_QUEUE_URL: fal.url,
        DATABASE_URL: `file:${join(dir, 'atelier.db')}`,
        STORAGE_DIR: join(dir, 'media'),
        PUBLIC_BASE_URL,
        MEDIA_DELIVERY: 'link',
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(chosen),
        OPS_HOST: '127.0.0.1',
        OPS_PORT: '0',
        LOG_LEVEL: 'info',
      },
    });
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines)
        if (line.startsWith('{')) logs.push(JSON.parse(line) as Record<string, unknown>);
    });
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    port = await until(
      () => logs.find((l) => l.msg === 'http server listening')?.port as number | undefined,
      45_000,
    );
    await until(() => logs.some((l) => l.msg === 'slack adapter started'), 20_000);
    slack.setEventsUrl(`http://127.0.0.1:${port}/slack/events`);
  }, 90_000);

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    await slack?.close();
    await fal?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a signed /generate ends in an updated message showing our stored image; 🔁 re-rolls it; /gallery lists both', async () => {
    const bot = () => slack.messages(ART).filter((m) => m.user === slack.bot.userId);
    const done = (ts: string) =>
      until(() => {
        const m = slack.message(ART, ts);
        return m && JSON.stringify(m.blocks).includes('✅') ? m : undefined;
      });
    const imageUrl = (m: { blocks?: unknown[] }) =>
      ((m.blocks ?? []) as Array<{ type: string; image_url?: string }>).find((b) => b.type === 'image')
        ?.image_url;

    const command = await slack.slashCommand({
      userId: MAYA,
      channelId: ART,
      command: '/generate',
      text: 'style:vinyl-toy pose:thumbs-up outfit:captain-coat footwear:captain-boots prop:banner frame:hero',
    });
    expect(command.acked).toBe(true);
    const posted = await until(() => bot()[0]);
    const final = await done(posted.ts);
    expect(slack.callsTo('chat.update').some((c) => c.args.ts === posted.ts)).toBe(true);
    const url = imageUrl(final)!;
    expect(url.startsWith(`${PUBLIC_BASE_URL}/media/`)).toBe(true);
    // The URL names a file in our storage, served by the bot's /media route.
    const key = decodeURIComponent(url.slice(`${PUBLIC_BASE_URL}/media/`.length));
    const stored = await readFile(join(dir, 'media', key));
    const served = await fetch(`http://127.0.0.1:${port}/media/${key}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(stored)).toBe(true);

    const reaction = await slack.react({ userId: MAYA, channelId: ART, ts: posted.ts, reaction: 'repeat' });
    expect(reaction).toMatchObject({ transport: 'http', acked: true, status: 200 });
    const reroll = await until(() => bot().find((m) => m.thread_ts === posted.ts && m.ts !== posted.ts));
    const rerolled = await done(reroll.ts);
    expect(JSON.stringify(rerolled.blocks)).toContain('(re-roll)');
    expect(imageUrl(rerolled)).not.toBe(url);

    await slack.slashCommand({ userId: MAYA, channelId: ART, command: '/gallery' });
    const gallery = await until(() =>
      slack.ephemerals(MAYA).find((e) => JSON.stringify(e.blocks).includes('Images by')),
    );
    const shown = JSON.stringify(gallery.blocks);
    expect(shown).toContain('2 in all');
    expect(shown).toContain('(re-roll)');
    expect(shown).toContain(url.replace(/\.png$/, ''));
  });

  it('stops cleanly on SIGTERM', async () => {
    const bot = botProcessOf(child.pid!);
    process.kill(bot, 'SIGTERM');
    await until(() => logs.some((l) => l.msg === 'stopped'), 15_000);
    expect(await exited).toBe(0);
  });
});

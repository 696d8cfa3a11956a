import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type DiscordEmulator,
  EmulatorUsageError,
  startDiscordEmulator,
} from '../../../../sandbox/discord/index.js';
import { api, GatewayProbe } from './helpers.js';

const GUILDS = 1;
const HOUR_MS = 60 * 60_000;

let emu: DiscordEmulator;
let general: string;
const probes: GatewayProbe[] = [];

beforeAll(async () => {
  emu = await startDiscordEmulator();
  general = emu.channelId('general');
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());
afterEach(async () => {
  await Promise.all(probes.splice(0).map((p) => p.close()));
});

/** A thread the bot starts from a message in #general, with the given auto-archive duration (minutes). */
async function startThread(auto_archive_duration = 60): Promise<{ threadId: string; starterId: string }> {
  const starter = await api(emu, 'POST', `/channels/${general}/messages`, { content: 'frames' });
  const thread = await api(emu, 'POST', `/channels/${general}/messages/${starter.body.id}/threads`, {
    name: 'frames',
    auto_archive_duration,
  });
  expect(thread.status).toBe(201);
  return { threadId: thread.body.id, starterId: starter.body.id };
}
const archived = (threadId: string) =>
  (emu.channel(threadId) as { thread_metadata?: { archived: boolean } } | undefined)?.thread_metadata
    ?.archived;
async function connect(): Promise<GatewayProbe> {
  const probe = await GatewayProbe.open(emu.gatewayUrl);
  probes.push(probe);
  probe.identify(emu.botToken, GUILDS);
  await probe.waitFor((f) => f.t === 'GUILD_CREATE');
  return probe;
}

describe('threads archive', () => {
  it('archives after its auto_archive_duration without activity; a message resets the clock', async () => {
    const { threadId } = await startThread(60);
    const probe = await connect();
    expect(emu.ageThreads(50 * 60_000)).toEqual([]);
    await api(emu, 'POST', `/channels/${threadId}/messages`, { content: 'activity' });
    expect(emu.ageThreads(50 * 60_000)).toEqual([]);
    expect(archived(threadId)).toBe(false);
    expect(emu.ageThreads(10 * 60_000)).toEqual([threadId]);
    expect(archived(threadId)).toBe(true);
    const update = await probe.waitFor((f) => f.t === 'THREAD_UPDATE');
    expect(update.d).toMatchObject({ id: threadId, thread_metadata: { archived: true } });
  });

  it('refuses edits and reactions there with 400 50083; deleting still works', async () => {
    const { threadId } = await startThread();
    const frame = await api(emu, 'POST', `/channels/${threadId}/messages`, { content: 'frame 1' });
    const other = await api(emu, 'POST', `/channels/${threadId}/messages`, { content: 'frame 2' });
    emu.archiveThread(threadId);
    const edit = await api(emu, 'PATCH', `/channels/${threadId}/messages/${frame.body.id}`, { content: 'x' });
    expect([edit.status, edit.body.code]).toEqual([400, 50083]);
    const react = await api(
      emu,
      'PUT',
      `/channels/${threadId}/messages/${frame.body.id}/reactions/%F0%9F%94%81/@me`,
    );
    expect([react.status, react.body.code]).toEqual([400, 50083]);
    expect((await api(emu, 'DELETE', `/channels/${threadId}/messages/${other.body.id}`)).status).toBe(204);
    expect(archived(threadId)).toBe(true);
  });

  it('a message sent there unarchives it: THREAD_UPDATE, then THREAD_MEMBER_UPDATE for the bot', async () => {
    const { threadId } = await startThread();
    emu.archiveThread(threadId);
    const probe = await connect();
    emu.postMessage({ channelId: threadId, content: 'back again' });
    expect(archived(threadId)).toBe(false);
    await probe.waitFor((f) => f.t === 'MESSAGE_CREATE' || f.t === 'THREAD_MEMBER_UPDATE');
    const events = probe.frames.filter((f) => f.op === 0 && f.t !== 'READY' && f.t !== 'GUILD_CREATE');
    expect(events.map((f) => f.t)).toEqual(['THREAD_UPDATE', 'THREAD_MEMBER_UPDATE']);
    expect(events[0]?.d).toMatchObject({ id: threadId, thread_metadata: { archived: false } });
    expect(events[1]?.d).toMatchObject({ id: threadId, user_id: emu.applicationId });
  });

  it('the thread’s creator unarchives it with PATCH /channels/:id; others need Manage Threads', async () => {
    const { threadId } = await startThread();
    emu.archiveThread(threadId);
    const rename = await api(emu, 'PATCH', `/channels/${threadId}`, { name: 'renamed' });
    expect(rename.body.code).toBe(50083);
    const reopened = await api(emu, 'PATCH', `/channels/${threadId}`, { archived: false });
    expect(reopened.status).toBe(200);
    expect(reopened.body.thread_metadata.archived).toBe(false);
    expect((await api(emu, 'PATCH', `/channels/${threadId}`, { locked: true })).body.code).toBe(50013);
    expect((await api(emu, 'PATCH', `/channels/${general}`, { name: 'x' })).body.code).toBe(50013);
  });

  it('GUILD_CREATE lists only active threads', async () => {
    const active = await startThread();
    const old = await startThread();
    emu.archiveThread(old.threadId);
    const probe = await connect();
    const create = probe.dispatches('GUILD_CREATE')[0];
    expect(create?.d.threads.map((t: { id: string }) => t.id)).toEqual([active.threadId]);
  });

  it('the simulated client refuses reactions and commands in an archived thread, as Discord’s does', async () => {
    const { threadId } = await startThread();
    const frame = await api(emu, 'POST', `/channels/${threadId}/messages`, { content: 'frame' });
    emu.archiveThread(threadId);
    expect(() => emu.react({ messageId: frame.body.id, emoji: '🔁' })).toThrow(EmulatorUsageError);
    expect(() => emu.slashCommand({ name: 'anything', channelId: threadId })).toThrow(/archived/);
    expect(emu.ageThreads(2 * HOUR_MS)).toEqual([]);
  });
});

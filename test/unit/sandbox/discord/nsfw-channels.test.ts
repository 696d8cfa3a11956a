import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DiscordEmulator,
  EmulatorUsageError,
  startDiscordEmulator,
} from '../../../../sandbox/discord/index.js';
import { api } from './helpers.js';

let emu: DiscordEmulator;

beforeAll(async () => {
  emu = await startDiscordEmulator({
    guilds: [{ name: 'Night Owls', channels: ['general', 'after-dark'], nsfwChannels: ['after-dark'] }],
  });
  await api(emu, 'PUT', `/applications/${emu.applicationId}/commands`, [
    { name: 'ping', description: 'Ping' },
  ]);
});
afterAll(async () => {
  await emu.close();
});

const channelOf = (channelId: string) => {
  const { interactionId } = emu.slashCommand({ name: 'ping', channelId });
  return (emu.interaction(interactionId)?.payload as { channel?: { nsfw?: boolean } } | undefined)?.channel;
};

describe('age-restricted (NSFW) channels in the Discord emulator', () => {
  it('marks seeded NSFW channels in REST and in interaction payloads', async () => {
    const afterDark = emu.channelId('after-dark');
    expect(channelOf(afterDark)?.nsfw).toBe(true);
    expect(channelOf(emu.channelId('general'))?.nsfw).toBe(false);
    const channel = await api(emu, 'GET', `/channels/${afterDark}`);
    expect(channel.body).toMatchObject({ id: afterDark, nsfw: true });
  });

  it('changes the flag at run time, recorded in later interactions', () => {
    const general = emu.channelId('general');
    emu.setChannelNsfw(general, true);
    expect(channelOf(general)?.nsfw).toBe(true);
    emu.setChannelNsfw(general, false);
    expect(channelOf(general)?.nsfw).toBe(false);
    expect(() => emu.setChannelNsfw('123', true)).toThrow(EmulatorUsageError);
  });
});

import { PermissionFlagsBits as F, REST, Routes } from 'discord.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordEmulator, startDiscordEmulator } from '../../../../sandbox/discord/index.js';
import type { Generation } from '../../../../src/core/types.js';
import { createMessageRemover } from '../../../../src/platforms/discord/delete-messages.js';
import { contractGeneration } from '../../../contract/render-contract.js';

/** The remover with real @discordjs/rest against the emulator, whose #general denies the bot View Channel. */
describe('Discord message remover where the bot may not go', () => {
  let emu: DiscordEmulator;
  let rest: REST;
  let general: string;

  beforeAll(async () => {
    emu = await startDiscordEmulator();
    rest = new REST({ api: emu.apiUrl, retries: 0 }).setToken(emu.botToken);
    general = emu.channelId('general');
  });
  afterAll(async () => {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
    await emu.close();
  });

  const post = async () =>
    ((await rest.post(Routes.channelMessages(general), { body: { content: 'an image' } })) as { id: string })
      .id;
  const tombstone = (id: string, messageId: string, deletedBy: string): Generation =>
    contractGeneration({
      id,
      platform: 'discord',
      channelId: general,
      messageId,
      deletedBy,
      status: 'deleted',
    });

  it('tells the person who deleted once per channel that the messages stayed, and nobody about gone ones', async () => {
    const kept = [await post(), await post()];
    emu.setPermissionOverwrites(general, [
      { id: emu.botUser.id, type: 1, allow: '0', deny: String(F.ViewChannel) },
    ]);
    const told: Array<[string, string]> = [];
    const remover = createMessageRemover({
      rest,
      appId: emu.applicationId,
      tell: async (userId, text) => {
        told.push([userId, text]);
      },
      log: pino({ level: 'silent' }),
      intervalMs: 0,
    });
    const [ada] = emu.users;
    remover.onDeleted(tombstone('a', kept[0] ?? '', ada?.id ?? ''));
    remover.onDeleted(tombstone('b', kept[1] ?? '', ada?.id ?? ''));
    await remover.idle();
    expect(told).toHaveLength(1);
    expect(told[0]?.[0]).toBe(ada?.id);
    expect(told[0]?.[1]).toContain(`<#${general}>`);
    for (const id of kept) expect(emu.message(id)?.content).toBe('an image');

    emu.setPermissionOverwrites(general, []);
    remover.onDeleted(tombstone('c', '1234567890123456789', emu.users[1]?.id ?? ''));
    await remover.idle();
    expect(told).toHaveLength(1);
    remover.stop();
  });
});

/**
 * A representative Discord session, run by the contract suite itself against the real bot: every route
 * the bot calls gets exercised (the coverage test holds it to BOT_ROUTES), and the emulator records what
 * was asked and answered (`calls()`, with bodies and responses) and what it dispatched (`dispatches()`).
 */
import type { APIMessage } from 'discord.js';
import { pino } from 'pino';
import { parseConfig } from '../../src/config.js';
import { loadCatalogs } from '../../src/core/catalog/load-catalogs.js';
import { deployCommands } from '../../src/platforms/discord/deploy-commands.js';
import { type DiscordBotFixture, startDiscordBotFixture } from '../helpers/discord-bot-fixture.js';
import { ALL_DIMENSIONS } from '../helpers/options.js';

interface Control {
  type: number;
  custom_id?: string;
  label?: string;
  options?: Array<{ value: string }>;
}
const controls = (m: APIMessage | undefined) =>
  ((m?.components ?? []) as unknown as Array<{ components?: Control[] }>).flatMap((r) => r.components ?? []);
const labelled = (m: APIMessage | undefined, label: RegExp) =>
  controls(m).find((c) => c.type === 2 && label.test(c.label ?? ''));

export async function runDiscordScenario(): Promise<DiscordBotFixture> {
  const f = await startDiscordBotFixture();
  const { discord } = f;
  const acked = (id: string) => discord.waitForInteraction(id, (r) => r.state === 'acknowledged');
  const job = async (options: Record<string, string | number>) => {
    const message = await f.reply((await f.slash('generate', options)).interactionId);
    return f.finalMessage(message.id);
  };

  // Guild registration (the fixture registered the commands globally).
  await deployCommands(
    parseConfig({ ...f.env, DISCORD_DEV_GUILD_ID: discord.guild().id }),
    await loadCatalogs(),
    pino({ level: 'silent' }),
  );

  // /generate with every option, autocomplete while typing, and the menus for missing dimensions.
  const first = await job({ ...ALL_DIMENSIONS, prompt: 'a red scarf **bold** @everyone', seed: 1 });
  await f.rerollReaction(first.id);
  await acked(
    discord.autocomplete({ name: 'generate', options: { style: 'comic' }, focused: 'style' }).interactionId,
  );
  const menu = await f.reply((await f.slash('generate', { style: 'comic-book' })).interactionId);
  const select = controls(menu).find((c) => c.type === 3);
  await acked(
    discord.selectMenu({
      userId: f.ada,
      messageId: menu.id,
      customId: select?.custom_id ?? '',
      values: [select?.options?.[0]?.value ?? ''],
    }).interactionId,
  );

  // Re-rolls: the reaction, a refused reaction (a DM), the card's button refused (a follow-up) and used.
  discord.react({ userId: f.ada, messageId: first.id, emoji: '🔁' });
  const reroll = await discord.waitForMessage((m) => m.message_reference?.message_id === first.id);
  const rerolled = await f.finalMessage(reroll.id);
  // A channel that denies the bot Send Messages: the re-roll is refused in a DM (1 << 11, SEND_MESSAGES).
  discord.setPermissionOverwrites(f.art, [
    { id: discord.botUser.id, type: 1, allow: '0', deny: String(1 << 11) },
  ]);
  discord.react({ userId: f.ada, messageId: reroll.id, emoji: '🔁' });
  await f.until(
    () =>
      discord.calls({
        route: 'POST /channels/:channelId/messages',
        path: `/channels/${discord.dmChannelId(f.ada)}/`,
      }).length > 0,
  );
  discord.setPermissionOverwrites(f.art, []);
  const rerollButton = controls(first).find((c) => c.custom_id?.startsWith('atl:reroll:'));
  await acked(
    discord.clickButton({ userId: f.grace, messageId: first.id, customId: rerollButton?.custom_id ?? '' })
      .interactionId,
  );
  await f.until(() => discord.calls({ route: 'POST /webhooks/:applicationId/:token' }).length > 0);
  // The button by its requester, the channel refusing the bot right after the check: a follow-up of the click
  // (POST /webhooks/:app/:token, then edits of that follow-up by its id).
  // (On the first re-roll: another re-roll of the first would be folded into the one already made.)
  f.fal.setKnobs({ latencyMs: 1000 });
  const click = discord.clickButton({
    userId: f.ada,
    messageId: rerolled.id,
    customId: controls(rerolled).find((c) => c.custom_id?.startsWith('atl:reroll:'))?.custom_id ?? '',
  });
  discord.setPermissionOverwrites(f.art, [
    { id: discord.botUser.id, type: 1, allow: '0', deny: String(1 << 11) },
  ]);
  const followUp = await discord.waitForMessage(
    (m) => m.interaction_metadata?.id === click.interactionId && ((m.flags ?? 0) & 64) === 0,
  );
  await f.finalMessage(followUp.id);
  discord.setPermissionOverwrites(f.art, []);
  f.fal.setKnobs({ latencyMs: 40 });

  // Gallery paging and the style browser.
  for (let seed = 2; seed <= 6; seed++) await job({ ...ALL_DIMENSIONS, seed });
  const gallery = await f.reply((await f.slash('gallery')).interactionId);
  const next = labelled(gallery, /Next/);
  if (next?.custom_id)
    await acked(
      discord.clickButton({ userId: f.ada, messageId: gallery.id, customId: next.custom_id }).interactionId,
    );
  const styles = await f.reply((await f.slash('styles')).interactionId);
  const styleMenu = controls(styles).find((c) => c.type === 3);
  await acked(
    discord.selectMenu({
      userId: f.ada,
      messageId: styles.id,
      customId: styleMenu?.custom_id ?? '',
      values: [styleMenu?.options?.[1]?.value ?? ''],
    }).interactionId,
  );

  // A sequence: a thread and its frames.
  const header = await f.reply(
    (await f.slash('sequence', { style: 'claymation', outfit: 'explorer' })).interactionId,
  );
  const threadId = await discord.waitFor(() => discord.message(header.id)?.thread?.id, 10_000);
  await f.until(
    () =>
      discord.messages(threadId).length >= 8 &&
      discord.messages(threadId).every((m) => /^(✅|❌|🚫)/.test(m.embeds[0]?.description ?? '')),
    20_000,
  );

  // A job in the thread that archives meanwhile: its edit is refused (50083), the bot unarchives the thread.
  f.fal.setKnobs({ latencyMs: 1000 });
  const inThread = await f.reply(
    (await f.slash('generate', ALL_DIMENSIONS, { channelId: threadId })).interactionId,
  );
  discord.archiveThread(threadId);
  await f.finalMessage(inThread.id);
  f.fal.setKnobs({ latencyMs: 40 });

  // Deletion: the button's confirmation, then the ❌ reaction.
  const doomed = await job({ ...ALL_DIMENSIONS, seed: 7 });
  const del = labelled(doomed, /Delete/);
  const ask = discord.clickButton({ userId: f.ada, messageId: doomed.id, customId: del?.custom_id ?? '' });
  const confirm = await discord.waitForMessage((m) => m.interaction_metadata?.id === ask.interactionId);
  const yes = labelled(confirm, /^Delete$/);
  await acked(
    discord.clickButton({ userId: f.ada, messageId: confirm.id, customId: yes?.custom_id ?? '' })
      .interactionId,
  );
  await f.until(() => discord.message(doomed.id) === undefined);
  // The Delete button where the bot can no longer see the channel: the message goes by its interaction token.
  const hidden = await job({ ...ALL_DIMENSIONS, seed: 10 });
  discord.setPermissionOverwrites(f.art, [
    { id: discord.botUser.id, type: 1, allow: '0', deny: String(1 << 10) },
  ]);
  const ask2 = discord.clickButton({
    userId: f.ada,
    messageId: hidden.id,
    customId: labelled(hidden, /Delete/)?.custom_id ?? '',
  });
  const confirm2 = await discord.waitForMessage((m) => m.interaction_metadata?.id === ask2.interactionId);
  await acked(
    discord.clickButton({
      userId: f.ada,
      messageId: confirm2.id,
      customId: labelled(confirm2, /^Delete$/)?.custom_id ?? '',
    }).interactionId,
  );
  await f.until(() => discord.message(hidden.id) === undefined);
  discord.setPermissionOverwrites(f.art, []);
  const crossed = await job({ ...ALL_DIMENSIONS, seed: 8 });
  discord.react({ userId: f.ada, messageId: crossed.id, emoji: '❌' });
  await f.until(() => discord.message(crossed.id) === undefined);

  // An expired interaction token: the job finishes through the bot token (PATCH channel message).
  discord.setKnobs({ tokenTtlMs: 1 });
  await job({ ...ALL_DIMENSIONS, seed: 9 });
  discord.setKnobs({ tokenTtlMs: 15 * 60_000 });
  return f;
}

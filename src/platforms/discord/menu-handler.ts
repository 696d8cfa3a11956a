import { type ChatInputCommandInteraction, type MessageComponentInteraction, MessageFlags } from 'discord.js';
import type { CommandResult } from '../../../commands/define.js';
import { ASPECTS, type Aspect } from '../../core/catalog/schema.js';
import type { CustomId } from './custom-ids.js';
import { cancelledMenu, expiredMenu, pageCount, renderMenu } from './render/menu-message.js';
import { replyOptions } from './render/outgoing.js';
import { encodeRef } from './reply-ref.js';
import { type DiscordRuntime, discordRequester, type MenuState } from './runtime.js';

type Choose = Extract<CommandResult, { type: 'choose' }>;
type MenuId = Extract<CustomId, { kind: 'pick' | 'page' | 'go' | 'cancel' }>;

const asAspect = (value: string | undefined): Aspect | undefined => ASPECTS.find((a) => a === value);

/** Answers /generate with select menus for the dimensions it left out (the reply is already deferred). */
export async function openMenu(
  rt: DiscordRuntime,
  interaction: ChatInputCommandInteraction,
  result: Choose,
): Promise<void> {
  // What was typed may be a label or differently cased: keep canonical ids so the menus can mark them.
  const built = rt.deps.service.validate({ catalogId: result.catalog.id, options: result.given });
  const given = Object.fromEntries(
    Object.keys(result.given).map((k) => [k, built.options[k] ?? result.given[k] ?? '']),
  );
  const state: MenuState = {
    userId: interaction.user.id,
    catalogId: result.catalog.id,
    given,
    chosen: {},
    missing: result.missing,
    page: 0,
    extra: result.extra,
    seed: result.seed,
    aspect: asAspect(result.aspect),
    token: interaction.token,
    tokenAt: interaction.createdTimestamp,
  };
  const stateId = rt.menus.put(state);
  await interaction.editReply(replyOptions(renderMenu(result.catalog, state, stateId)));
}

const privately = (content: string) => ({
  content,
  flags: MessageFlags.Ephemeral as const,
  allowedMentions: { parse: [] },
});

/** A select, page button, Generate or Cancel on a menu message. Only the person who asked may use it. */
export async function handleMenuComponent(
  rt: DiscordRuntime,
  interaction: MessageComponentInteraction,
  id: MenuId,
): Promise<void> {
  const state = rt.menus.get(id.state);
  if (!state) {
    await interaction.reply(privately(expiredMenu().content ?? ''));
    return;
  }
  if (state.userId !== interaction.user.id) {
    await interaction.reply(
      privately(`Only <@${state.userId}> can use these menus. Run /generate to make your own image.`),
    );
    return;
  }
  const catalog = rt.deps.catalogs.get(state.catalogId);
  state.token = interaction.token;
  state.tokenAt = interaction.createdTimestamp;

  if (id.kind === 'pick' && interaction.isStringSelectMenu()) {
    const value = interaction.values[0];
    if (value !== undefined) state.chosen[id.dimension] = value;
  } else if (id.kind === 'page') {
    state.page = Math.max(0, Math.min(id.page, pageCount(state) - 1));
  } else if (id.kind === 'cancel') {
    rt.menus.delete(id.state);
    await interaction.update(replyOptions(cancelledMenu()));
    return;
  } else if (id.kind === 'go') {
    await generate(rt, interaction, id.state, state);
    return;
  }
  rt.menus.set(id.state, state);
  await interaction.update(replyOptions(renderMenu(catalog, state, id.state)));
}

async function generate(
  rt: DiscordRuntime,
  interaction: MessageComponentInteraction,
  stateId: string,
  state: MenuState,
): Promise<void> {
  await interaction.deferUpdate();
  // Taken before the job is created, so a double click starts one job.
  rt.menus.delete(stateId);
  const channelId = interaction.channelId;
  const messageId = interaction.message.id;
  const placement = { channelId, messageId, token: interaction.token, tokenAt: interaction.createdTimestamp };
  try {
    // The menu message becomes the job's live message: its place goes with the request.
    await rt.deps.service.request({
      requester: { ...discordRequester(interaction), messageId, replyRef: encodeRef(placement) },
      params: {
        catalogId: state.catalogId,
        options: { ...state.given, ...state.chosen },
        ...(state.extra ? { extra: state.extra } : {}),
        ...(state.aspect ? { aspect: state.aspect } : {}),
      },
      ...(state.seed !== undefined ? { seed: state.seed } : {}),
    });
  } catch (error) {
    // An incompatible pick: the menus stay so the person can change it.
    rt.menus.restore(stateId, state);
    throw error;
  }
}

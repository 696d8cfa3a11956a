import type { ChatInputCommandInteraction, MessageComponentInteraction } from 'discord.js';
import type { Catalog } from '../../core/catalog/schema.js';
import type { Generation } from '../../core/types.js';
import type { CustomId } from './custom-ids.js';
import { replyOptions } from './render/outgoing.js';
import { renderStyles } from './render/styles-message.js';
import type { DiscordRuntime } from './runtime.js';

async function render(
  rt: DiscordRuntime,
  catalog: Catalog,
  examples: Generation[],
  selected: string | undefined,
) {
  const styleId = selected ?? catalog.dimensions.find((d) => d.id === catalog.styleDimension)?.options[0]?.id;
  const found = examples.find((g) => g.options[catalog.styleDimension] === styleId);
  const example = found ? await rt.media(found, 'image', `style-${styleId}`) : undefined;
  return renderStyles({ catalog, examples, selected: styleId, example });
}

/** /styles (the reply is already deferred, ephemeral). */
export async function showStyles(
  rt: DiscordRuntime,
  interaction: ChatInputCommandInteraction,
  result: { catalog: Catalog; examples: Generation[]; selected: string | undefined },
): Promise<void> {
  await interaction.editReply(
    replyOptions(await render(rt, result.catalog, result.examples, result.selected)),
  );
}

/** A pick in the style menu: shows that style's example. */
export async function handleStylePick(
  rt: DiscordRuntime,
  interaction: MessageComponentInteraction,
  id: Extract<CustomId, { kind: 'style' }>,
): Promise<void> {
  if (!interaction.isStringSelectMenu()) return;
  await interaction.deferUpdate();
  const catalog = rt.deps.catalogs.get(id.catalogId);
  const examples = await rt.deps.service.examples(catalog.id);
  await interaction.editReply(replyOptions(await render(rt, catalog, examples, interaction.values[0])));
}

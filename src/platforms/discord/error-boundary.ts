import { DiscordAPIError, type Interaction, MessageFlags } from 'discord.js';
import type { Logger } from '../../core/logger.js';
import { describeFailure as describeWithPolicy, withErrorBoundary } from '../shared/error-policy.js';
import { truncate } from './render/outgoing.js';
import { escapeActiveMarkup } from './render/user-text.js';

const EXPLAINED: Record<number, string> = {
  50001: 'I cannot see this channel. Ask an admin to give me access, then try again.',
  50013:
    'I am missing a permission here (send messages, embed links, attach files, add reactions or create threads).',
};

/** Discord refusals with a clear fix for the person. */
export const explainDiscord = (error: unknown): string | undefined =>
  error instanceof DiscordAPIError ? EXPLAINED[Number(error.code)] : undefined;

/** What the person is told about a failure (see the shared error policy). */
export const describeFailure = (error: unknown, log: Logger, context: Record<string, unknown>): string =>
  describeWithPolicy(error, log, context, explainDiscord);

/**
 * Answers privately, whatever state the interaction is in: a reply if nothing was sent yet; for a public
 * deferred reply, the placeholder is removed and the answer goes to a private follow-up.
 */
export async function tellPrivately(interaction: Interaction, text: string): Promise<void> {
  if (!interaction.isRepliable()) return;
  // Error texts can quote what the person typed (an unknown option value): no live link, ping or heading
  // from it; the bot's own emphasis (a permission's name in bold) stays.
  const content = truncate(escapeActiveMarkup(text), 2000);
  const options = { content, flags: MessageFlags.Ephemeral as const, allowedMentions: { parse: [] } };
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(options);
    return;
  }
  if (interaction.isChatInputCommand() && interaction.deferred && !interaction.replied) {
    if (interaction.ephemeral) {
      await interaction.editReply({ content, embeds: [], components: [], files: [] });
      return;
    }
    await interaction.deleteReply().catch(() => {});
  }
  await interaction.followUp(options);
}

/** The adapter's one error boundary: runs a handler and tells the user when it throws. */
export const withBoundary = (
  interaction: Interaction,
  log: Logger,
  context: Record<string, unknown>,
  handler: () => Promise<void>,
): Promise<void> =>
  withErrorBoundary(log, context, (text) => tellPrivately(interaction, text), handler, explainDiscord);

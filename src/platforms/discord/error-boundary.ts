import { randomBytes } from 'node:crypto';
import { DiscordAPIError, type Interaction, MessageFlags } from 'discord.js';
import { isUserError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { truncate } from './render/outgoing.js';

const EXPLAINED: Record<number, string> = {
  50001: 'I cannot see this channel. Ask an admin to give me access, then try again.',
  50013:
    'I am missing a permission here (send messages, embed links, attach files, add reactions or create threads).',
};

/**
 * What the person is told. A UserError explains itself (allowed values included); a few Discord errors
 * have a clear fix; anything else is logged with its cause and answered with a reference to the log line.
 */
export function describeFailure(error: unknown, log: Logger, context: Record<string, unknown>): string {
  if (isUserError(error)) return error.message;
  const explained = error instanceof DiscordAPIError ? EXPLAINED[Number(error.code)] : undefined;
  if (explained) {
    log.warn({ err: error, ...context }, 'discord refused a call');
    return explained;
  }
  const reference = randomBytes(4).toString('hex').toUpperCase();
  log.error({ err: error, reference, ...context }, 'discord handler failed');
  return `Something went wrong on our side. Please try again; if it keeps happening, mention reference ${reference}.`;
}

/**
 * Answers privately, whatever state the interaction is in: a reply if nothing was sent yet; for a public
 * deferred reply, the placeholder is removed and the answer goes to a private follow-up.
 */
export async function tellPrivately(interaction: Interaction, text: string): Promise<void> {
  if (!interaction.isRepliable()) return;
  const content = truncate(text, 2000);
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
export async function withBoundary(
  interaction: Interaction,
  log: Logger,
  context: Record<string, unknown>,
  handler: () => Promise<void>,
): Promise<void> {
  try {
    await handler();
  } catch (error) {
    const text = describeFailure(error, log, context);
    await tellPrivately(interaction, text).catch((e: unknown) =>
      log.warn({ err: e, ...context }, 'could not report an error to the user'),
    );
  }
}

import type { ChatInputCommandInteraction } from 'discord.js';
import type { Generation } from '../../core/types.js';
import type { DiscordJobRef } from './job-message-port.js';
import { replyOptions, truncate } from './render/outgoing.js';
import type { DiscordRuntime } from './runtime.js';

/** Opens the place a command's frames wait for (see job-message-machine gate). */
export type ThreadOpener = (change: (ref: DiscordJobRef) => DiscordJobRef) => void;

/**
 * A run of several jobs (the onboarding sequence): the reply becomes a header, a thread is started from it
 * and each frame gets its own live message there. When the thread cannot be started (its permissions were
 * taken away after the command was checked) the frames are follow-ups of the command instead: the
 * interaction token works whatever the channel allows. Frames the thread refuses later go the same way.
 */
export async function showSequence(
  rt: DiscordRuntime,
  interaction: ChatInputCommandInteraction,
  title: string,
  generations: Generation[],
  openThread: ThreadOpener | undefined,
): Promise<void> {
  const header = await interaction.editReply(
    replyOptions({
      embeds: [
        {
          title: truncate(`🎬 ${title}`, 256),
          description: `${generations.length} frames, each with its own live status in the thread below.`,
          color: 0x5865f2,
        },
      ],
      components: [],
      files: [],
    }),
  );
  const command = { token: interaction.token, tokenAt: interaction.createdTimestamp };
  const thread = await rt.sender
    .startThread(interaction.channelId, header.id, truncate(title, 100))
    .catch((error: unknown) => {
      rt.log.warn({ err: error, channelId: interaction.channelId }, 'could not start a thread; following up');
      return undefined;
    });
  // The frames' messages (each its own, posted in frame order by the job-message machine) go there.
  openThread?.(({ gate: _gate, ...place }) =>
    thread
      ? { ...place, channelId: thread.id, fallback: command }
      : { ...place, channelId: interaction.channelId, ...command, followUp: true },
  );
}

import type { ChatInputCommandInteraction } from 'discord.js';
import type { Generation } from '../../core/types.js';
import { replyOptions, truncate } from './render/outgoing.js';
import type { DiscordRuntime } from './runtime.js';

/**
 * A run of several jobs (the onboarding sequence): the reply becomes a header, a thread is started from it
 * and each frame gets its own live message there. Without thread permission the frames go in the channel.
 */
export async function showSequence(
  rt: DiscordRuntime,
  interaction: ChatInputCommandInteraction,
  title: string,
  generations: Generation[],
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
  let channelId = interaction.channelId;
  try {
    channelId = (await rt.sender.startThread(interaction.channelId, header.id, truncate(title, 100))).id;
  } catch (error) {
    rt.log.warn({ err: error, channelId }, 'could not start a thread; posting the frames in the channel');
  }
  rt.publisher.followInOrder(generations, channelId);
}

import type { CommandResult } from '../../../commands/define.js';
import type { Requester } from '../../core/types.js';
import { renderGallery } from './blocks/gallery-blocks.js';
import { buildGenerateModal } from './blocks/generate-modal.js';
import type { SlackMessage } from './blocks/job-blocks.js';
import { escapeWithin, mrkdwn } from './blocks/mrkdwn.js';
import { renderStyles } from './blocks/styles-blocks.js';
import { LIMITS } from './ids.js';
import { replyShowingImages } from './image-reply.js';
import type { SlackJobRef } from './job-message-port.js';
import type { SlackRuntime } from './runtime.js';

export interface PresentContext {
  requester: Requester;
  /** For views.open: valid for 3 s after the interaction. */
  triggerId: string;
  /** Answers the person who asked (a response_url: ephemeral, or replacing the message acted on). */
  reply(message: SlackMessage): Promise<unknown>;
  /** Lets the jobs' posts go to the thread they wait for (see job-message-machine gate). */
  openThread?: (change: (ref: SlackJobRef) => SlackJobRef) => void;
}

/** Shows a command's platform-neutral result in Slack's idioms. */
export async function presentResult(
  rt: SlackRuntime,
  result: CommandResult,
  ctx: PresentContext,
): Promise<void> {
  const { requester } = ctx;
  switch (result.type) {
    case 'choose': {
      // Resolve what was typed (ids or labels) to option ids so the modal can preselect them.
      const built = rt.deps.service.validate({ catalogId: result.catalog.id, options: result.given });
      const given = Object.fromEntries(Object.keys(result.given).map((k) => [k, built.options[k] ?? '']));
      await rt.client.views.open({
        trigger_id: ctx.triggerId,
        view: buildGenerateModal({
          catalog: result.catalog,
          given,
          extra: result.extra,
          seed: result.seed,
          aspect: result.aspect,
          channelId: requester.channelId,
        }),
      });
      return;
    }
    case 'jobs': {
      // Each job's message is posted at the place its request recorded; a sequence's frames wait for
      // their thread (when its parent cannot be posted, the command's channel: the caller opens the gate).
      if (!result.thread) return;
      const parent = await rt.client.chat.postMessage({
        channel: requester.channelId,
        ...threadParent(result.thread, result.generations.length, requester.userId),
      });
      const threadTs = parent.ts;
      if (threadTs) ctx.openThread?.(({ gate: _gate, ...place }) => ({ ...place, threadTs }));
      return;
    }
    case 'gallery':
      await replyShowingImages(
        ctx.reply,
        (withImages) =>
          renderGallery(result.view, {
            catalogs: rt.deps.catalogs,
            imageFor: (g) => (withImages ? rt.imageFor(g, true) : undefined),
          }),
        rt.deps.log,
      );
      return;
    case 'styles':
      await replyShowingImages(
        ctx.reply,
        (withImages) => renderStyles(result, (g) => (withImages ? rt.imageFor(g, false) : undefined)),
        rt.deps.log,
      );
      return;
    case 'text':
      // `<@U…>` in a command's text is a mention on both platforms (/atelier names people that way).
      await ctx.reply({
        text: escapeWithin(result.text, LIMITS.fallbackText).replace(/&lt;@([UW][A-Z0-9]+)&gt;/g, '<@$1>'),
        blocks: [],
      });
      return;
  }
}

/** The message a sequence's frames reply to. */
export function threadParent(title: string, frames: number, userId: string): SlackMessage {
  return {
    text: escapeWithin(title, LIMITS.fallbackText),
    blocks: [
      { type: 'section', text: mrkdwn(`*${escapeWithin(title, 500)}*`) },
      {
        type: 'context',
        elements: [
          mrkdwn(
            `${frames} frames, each with its own live status in this thread · requested by <@${userId}>`,
          ),
        ],
      },
    ],
  };
}

import type { types } from '@slack/bolt';
import type { JobCard } from '../../shared/job-card.js';
import { ACTION, LIMITS } from '../ids.js';
import { escapeWithin, mrkdwn, plainText, truncate } from './mrkdwn.js';

/** How the finished image appears: our storage's public URL, or a file uploaded to Slack (files v2). */
export type SlackImage = { imageUrl: string } | { slackFileId: string };

export interface SlackMessage {
  /** Notification and accessibility text. */
  text: string;
  blocks: types.KnownBlock[];
}

/** The image of a card when it is linked (the default): the card's own URL. */
export const linkedImage = (card: JobCard): SlackImage | undefined =>
  card.imageUrl ? { imageUrl: card.imageUrl } : undefined;

function paramFields(card: JobCard): types.SectionBlock[] {
  const fields = card.params.map((p) =>
    mrkdwn(`*${escapeWithin(p.label, 200)}*\n${escapeWithin(p.value, LIMITS.field - 210)}`),
  );
  const sections: types.SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += LIMITS.fields)
    sections.push({ type: 'section', fields: fields.slice(i, i + LIMITS.fields) });
  return sections;
}

function imageBlock(card: JobCard, image: SlackImage): types.ImageBlock {
  const alt = truncate(`${card.title}: ${card.params.map((p) => p.value).join(', ')}`, LIMITS.altText);
  return 'slackFileId' in image
    ? { type: 'image', slack_file: { id: image.slackFileId }, alt_text: alt }
    : { type: 'image', image_url: image.imageUrl, alt_text: alt };
}

/** Finished images can be deleted (requester or admin), after Slack's own confirmation dialog. */
function deleteButton(card: JobCard): types.Button {
  return {
    type: 'button',
    action_id: ACTION.delete,
    text: plainText('🗑️ Delete', LIMITS.buttonText),
    value: card.generationId,
    confirm: {
      title: plainText('Delete this image?', 100),
      text: plainText('It is removed from this channel and from storage, for good.', 300),
      confirm: plainText('Delete', 30),
      deny: plainText('Keep', 30),
      style: 'danger',
    },
  };
}

function actionButtons(card: JobCard): types.ActionsBlock | undefined {
  const elements = card.actions.map(
    (a): types.Button => ({
      type: 'button',
      action_id: a.id === 'reroll' ? ACTION.reroll : ACTION.retry,
      text: plainText(a.label, LIMITS.buttonText),
      value: card.generationId,
      ...(a.id === 'retry' ? { style: 'primary' as const } : {}),
    }),
  );
  if (card.state === 'done') elements.push(deleteButton(card));
  if (elements.length === 0) return undefined;
  return { type: 'actions', block_id: 'job-actions', elements };
}

/** A mention for a Slack user id; anything else is shown as plain text. */
export const requestedBy = (userId: string): string =>
  /^[A-Z0-9]{2,20}$/.test(userId) ? `requested by <@${userId}>` : `requested by ${escapeWithin(userId, 40)}`;

/**
 * A job's channel message in Block Kit: title, status line, parameters, the extra text, the image once
 * done (or `imageNote` when Slack could not show it), seed · model · time, and the Re-roll / Try again
 * buttons. Everything user-provided is escaped and every text is kept within Slack's limits, so no card
 * is refused as invalid_blocks for its text (an image Slack cannot download still is: see card-update.ts).
 */
export function renderJobMessage(
  card: JobCard,
  image: SlackImage | undefined,
  imageNote?: string,
): SlackMessage {
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: mrkdwn(`*${escapeWithin(card.title, 500)}*`) },
    { type: 'context', elements: [mrkdwn(escapeWithin(card.status, LIMITS.sectionText - 100))] },
    ...paramFields(card),
  ];
  if (card.extra)
    blocks.push({ type: 'section', text: mrkdwn(`>${escapeWithin(card.extra, LIMITS.sectionText - 10)}`) });
  if (card.state === 'done' && image) blocks.push(imageBlock(card, image));
  // Said in place of an image Slack could not show (see card-update.ts); `imageNote` is mrkdwn.
  else if (card.state === 'done' && imageNote)
    blocks.push({ type: 'context', elements: [mrkdwn(imageNote)] });
  const footer = [card.footer ? escapeWithin(card.footer, 500) : undefined, requestedBy(card.requesterId)]
    .filter(Boolean)
    .join(' · ');
  blocks.push({ type: 'context', elements: [mrkdwn(footer)] });
  const actions = actionButtons(card);
  if (actions) blocks.push(actions);
  return {
    text: escapeWithin(`${card.title} — ${card.status}`, LIMITS.fallbackText),
    blocks: blocks.slice(0, LIMITS.messageBlocks),
  };
}

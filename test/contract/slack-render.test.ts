import { validateBlocks } from '../../sandbox/slack/blocks.js';
import {
  linkedImage,
  renderJobMessage,
  type SlackMessage,
} from '../../src/platforms/slack/blocks/job-blocks.js';
import { unescapeMrkdwn } from '../../src/platforms/slack/blocks/mrkdwn.js';
import { ACTION } from '../../src/platforms/slack/ids.js';
import { slackLiveMarkup, slackTextObjects } from '../helpers/live-markup.js';
import { type RenderProbe, runRenderContract } from './render-contract.js';

type Node = Record<string, unknown>;

/** Every text object in the blocks, as sent (mrkdwn still escaped). */
function rawTexts(message: SlackMessage): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const node = v as Node;
      if ((node.type === 'mrkdwn' || node.type === 'plain_text') && typeof node.text === 'string')
        out.push(node.text);
      for (const child of Object.values(node)) walk(child);
    }
  };
  walk(message.blocks);
  return out;
}

const blocksOfType = (m: SlackMessage, type: string) =>
  (m.blocks as unknown as Node[]).filter((b) => b.type === type);

const slackProbe: RenderProbe<SlackMessage> = {
  render: (card) => renderJobMessage(card, linkedImage(card)),
  visibleText: (m) => rawTexts(m).map(unescapeMrkdwn).join('\n'),
  imageUrls: (m) => blocksOfType(m, 'image').map((b) => String(b.image_url)),
  actionIds: (m) =>
    blocksOfType(m, 'actions')
      .flatMap((b) => b.elements as Node[])
      .map((e) =>
        e.action_id === ACTION.reroll
          ? 'reroll'
          : e.action_id === ACTION.retry
            ? 'retry'
            : e.action_id === ACTION.delete
              ? 'delete'
              : String(e.action_id),
      )
      .filter(
        (id): id is 'reroll' | 'retry' | 'delete' => id === 'reroll' || id === 'retry' || id === 'delete',
      ),
  // Slack markup pings with <!channel>, <!here>, <!everyone> or <@U…>: the only mention allowed is the requester.
  mentionsEveryone: (m) =>
    [m.text, ...rawTexts(m)].some((t) => /<!(channel|here|everyone)/.test(t) || /<@(?!U0CONTRACT>)/.test(t)),
  // The requester's mention and Slack's localized date are the card's own control sequences.
  liveMarkup: (m) =>
    slackTextObjects(m.blocks).flatMap((t) => slackLiveMarkup(t, [/^<@U0CONTRACT>$/, /^<!date\^/])),
  limitProblems: (m) => [
    ...validateBlocks(m.blocks, { maxBlocks: 50, pointer: '/blocks' }),
    ...(m.text.length > 4000 ? ['text longer than 4000 characters'] : []),
    ...rawTexts(m)
      .filter((t) => t.length > 3000)
      .map((t) => `text object longer than 3000 characters (${t.length})`),
  ],
};

runRenderContract('slack', slackProbe);

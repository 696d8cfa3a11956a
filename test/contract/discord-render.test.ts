import { ComponentType } from 'discord.js';
import { validateMessageInput } from '../../sandbox/discord/message-body.js';
import { parseCustomId } from '../../src/platforms/discord/custom-ids.js';
import { renderJobMessage } from '../../src/platforms/discord/render/job-message.js';
import type { OutgoingMessage } from '../../src/platforms/discord/render/outgoing.js';
import { restBody } from '../../src/platforms/discord/render/outgoing.js';
import { discordLiveMarkup } from '../helpers/live-markup.js';
import { type RenderProbe, runRenderContract } from './render-contract.js';

/** Markdown escapes as Discord's client undoes them: a backslash before any punctuation is dropped. */
const unescapeMarkdown = (text: string) => text.replace(/\\([^0-9A-Za-z\s])/g, '$1');

/** The texts Discord renders markdown in: content, embed descriptions and field values. */
const markdownTexts = (m: OutgoingMessage): string[] => [
  m.content ?? '',
  ...m.embeds.flatMap((e) => [e.description ?? '', ...(e.fields ?? []).map((f) => f.value)]),
];

function texts(m: OutgoingMessage): string[] {
  const out = [m.content ?? ''];
  for (const e of m.embeds)
    out.push(
      e.title ?? '',
      e.description ?? '',
      e.footer?.text ?? '',
      ...(e.fields ?? []).flatMap((x) => [x.name, x.value]),
    );
  for (const row of m.components)
    for (const c of row.components)
      if (c.type === ComponentType.Button && 'label' in c) out.push(c.label ?? '');
  return out;
}

const discordProbe: RenderProbe<OutgoingMessage> = {
  render: (card) => renderJobMessage(card),
  visibleText: (m) => texts(m).map(unescapeMarkdown).join('\n'),
  imageUrls: (m) => m.embeds.flatMap((e) => (e.image ? [e.image.url] : [])),
  actionIds: (m) =>
    m.components
      .flatMap((row) => row.components)
      .flatMap((c) =>
        c.type === ComponentType.Button && 'custom_id' in c ? [parseCustomId(c.custom_id)] : [],
      )
      .flatMap((id) =>
        id?.kind === 'reroll' || id?.kind === 'retry' || id?.kind === 'delete' ? [id.kind] : [],
      ),
  // Only message content pings, and only what allowed_mentions lets through: we send none.
  mentionsEveryone: (m) => {
    const mentions = restBody(m).allowed_mentions as { parse?: string[]; users?: string[]; roles?: string[] };
    const open =
      (mentions.parse?.length ?? 0) > 0 ||
      (mentions.users?.length ?? 0) > 0 ||
      (mentions.roles?.length ?? 0) > 0;
    return open && /@everyone|@here|<@[!&]?\d+>/.test(m.content ?? '');
  },
  liveMarkup: (m) => markdownTexts(m).flatMap(discordLiveMarkup),
  limitProblems: (m) => {
    try {
      validateMessageInput(
        { ...restBody(m), attachments: [] },
        { creating: true, fileCount: m.files.length },
      );
      return [];
    } catch (error) {
      return [JSON.stringify((error as { toJSON?: () => unknown }).toJSON?.() ?? String(error))];
    }
  },
};

runRenderContract('discord', discordProbe);

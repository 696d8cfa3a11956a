import { ComponentType } from 'discord.js';
import type { Catalog } from '../../../core/catalog/schema.js';
import type { Generation } from '../../../core/types.js';
import { encodeCustomId } from '../custom-ids.js';
import { type Media, type OutgoingMessage, truncate } from './outgoing.js';

export interface StylesRender {
  catalog: Catalog;
  examples: Generation[];
  /** The style shown; the first one when undefined. */
  selected: string | undefined;
  /** The selected style's example image, if there is one. */
  example: Media | undefined;
}

/** The style browser: the selected style's example and a menu of every style (25 at most). */
export function renderStyles({ catalog, examples, selected, example }: StylesRender): OutgoingMessage {
  const dimension = catalog.dimensions.find((d) => d.id === catalog.styleDimension);
  const options = dimension?.options ?? [];
  const current = options.find((o) => o.id === selected) ?? options[0];
  const withExample = new Set(examples.map((g) => g.options[catalog.styleDimension]));
  const shown = options.slice(0, 25);
  if (current && !shown.includes(current)) shown.splice(24, 1, current);
  const note = example
    ? ''
    : '\n\n_No example image yet. An operator can make one per style with `npm run atelier -- batch`._';
  return {
    content: `**${truncate(catalog.name, 100)}** — ${options.length} styles, ${withExample.size} with an example. Pick one below.`,
    embeds: current
      ? [
          {
            title: truncate(`${current.label}`, 256),
            description: truncate(`${current.description}${note}`, 4096),
            color: 0x5865f2,
            ...(example ? { image: { url: example.url } } : {}),
            footer: { text: `Use it: /generate ${catalog.styleDimension}:${current.id}` },
          },
        ]
      : [],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.StringSelect,
            custom_id: encodeCustomId({ kind: 'style', catalogId: catalog.id }),
            placeholder: 'Browse the styles',
            options: shown.map((o) => ({
              label: truncate(`${withExample.has(o.id) ? '🖼 ' : ''}${o.label}`, 100),
              value: o.id,
              description: truncate(o.description, 100),
              ...(o.id === current?.id ? { default: true } : {}),
            })),
          },
        ],
      },
    ],
    files: example?.file ? [example.file] : [],
  };
}

import type { types } from '@slack/bolt';
import type { Catalog } from '../../../core/catalog/schema.js';
import type { Generation } from '../../../core/types.js';
import { ACTION, LIMITS } from '../ids.js';
import type { SlackImage, SlackMessage } from './job-blocks.js';
import { escapeWithin, link, mrkdwn, plainText } from './mrkdwn.js';

export interface StylesView {
  catalog: Catalog;
  examples: Generation[];
  selected: string | undefined;
}

/**
 * The style browser: a menu of every style and the example image of the chosen one (the first with an
 * example when none is chosen), with a button that opens /generate with that style preselected.
 */
export function renderStyles(
  view: StylesView,
  imageFor: (g: Generation) => SlackImage | undefined,
): SlackMessage {
  const { catalog } = view;
  const dimension = catalog.dimensions.find((d) => d.id === catalog.styleDimension);
  if (!dimension) return { text: 'This catalog has no styles.', blocks: [] };
  const exampleOf = (styleId: string) => view.examples.find((g) => g.options[dimension.id] === styleId);
  const shownId =
    view.selected ?? dimension.options.find((o) => exampleOf(o.id))?.id ?? dimension.options[0]?.id ?? '';
  const shown = dimension.options.find((o) => o.id === shownId);
  const example = exampleOf(shownId);
  const options = dimension.options.slice(0, LIMITS.selectOptions).map((o) => ({
    text: plainText(`${o.label}${exampleOf(o.id) ? '' : ' (no example yet)'}`, LIMITS.optionText),
    value: o.id.slice(0, LIMITS.optionValue),
  }));
  const initial = options.find((o) => o.value === shownId);
  const blocks: types.KnownBlock[] = [
    {
      type: 'section',
      text: mrkdwn(`*${escapeWithin(catalog.name, 200)} — ${dimension.options.length} styles*`),
    },
    {
      type: 'actions',
      block_id: `styles|${catalog.id}`,
      elements: [
        {
          type: 'static_select',
          action_id: ACTION.stylesPick,
          placeholder: plainText('Pick a style', LIMITS.placeholder),
          options,
          ...(initial ? { initial_option: initial } : {}),
        },
      ],
    },
  ];
  if (shown)
    blocks.push({
      type: 'section',
      text: mrkdwn(
        `*${escapeWithin(shown.label, 200)}*\n${escapeWithin(shown.description, 500)}${
          example?.imageUrl ? `\n${link(example.imageUrl, 'full image')}` : ''
        }`,
      ),
    });
  const image = example ? imageFor(example) : undefined;
  if (image && shown) {
    const alt = escapeWithin(`${shown.label} example`, LIMITS.altText);
    blocks.push(
      'slackFileId' in image
        ? { type: 'image', slack_file: { id: image.slackFileId }, alt_text: alt }
        : { type: 'image', image_url: image.imageUrl, alt_text: alt },
    );
  } else if (!example)
    blocks.push({
      type: 'context',
      elements: [mrkdwn('No example image yet. An admin can make them with `npm run atelier -- batch`.')],
    });
  if (shown)
    blocks.push({
      type: 'actions',
      block_id: 'styles-generate',
      elements: [
        {
          type: 'button',
          action_id: ACTION.stylesGenerate,
          text: plainText(`Generate with ${shown.label}`, LIMITS.buttonText),
          value: JSON.stringify({ c: catalog.id, s: shown.id }),
          style: 'primary',
        },
      ],
    });
  return { text: `${catalog.name} styles`, blocks };
}

import {
  type APIButtonComponentWithCustomId,
  type APISelectMenuOption,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Catalog, CatalogDimension } from '../../../core/catalog/schema.js';
import { encodeCustomId } from '../custom-ids.js';
import type { MenuState } from '../runtime.js';
import { type ActionRow, type OutgoingMessage, textMessage, truncate } from './outgoing.js';

/** Discord: 5 rows a message, one select a row, 25 options a select. One row is kept for the buttons. */
export const SELECTS_PER_PAGE = 4;
const OPTIONS_PER_SELECT = 25;

export const pageCount = (state: MenuState) =>
  Math.max(1, Math.ceil(state.missing.length / SELECTS_PER_PAGE));

const labelOf = (dimension: CatalogDimension, optionId: string | undefined) =>
  dimension.options.find((o) => o.id === optionId)?.label ?? optionId ?? '';

/** At most 25 options, always including the one currently shown as picked. */
function optionsFor(dimension: CatalogDimension, picked: string | undefined): APISelectMenuOption[] {
  let options = dimension.options.slice(0, OPTIONS_PER_SELECT);
  const current = dimension.options.find((o) => o.id === picked);
  if (current && !options.includes(current)) options = [...options.slice(0, OPTIONS_PER_SELECT - 1), current];
  return options.map((o) => ({
    label: truncate(o.label, 100),
    value: o.id,
    description: truncate(o.description, 100),
    ...(o.id === picked ? { default: true } : {}),
  }));
}

function selectRow(
  catalog: Catalog,
  state: MenuState,
  stateId: string,
  dimension: CatalogDimension,
): ActionRow {
  const picked = state.chosen[dimension.id];
  const fallback = catalog.defaults[dimension.id];
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: encodeCustomId({ kind: 'pick', state: stateId, dimension: dimension.id }),
        placeholder: truncate(
          fallback
            ? `${dimension.label} (default: ${labelOf(dimension, fallback)})`
            : `Choose a ${dimension.label.toLowerCase()}`,
          150,
        ),
        min_values: 1,
        max_values: 1,
        options: optionsFor(dimension, picked),
      },
    ],
  };
}

function button(
  label: string,
  customId: string,
  style: APIButtonComponentWithCustomId['style'],
): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style, label, custom_id: customId };
}

/**
 * The menus for the dimensions /generate left out: up to four selects a page (the fifth row holds Back,
 * More, Generate and Cancel). Anything left unpicked takes the catalog's default, so Generate works on
 * any page: a six-dimension catalog needs no more than one extra click to see everything.
 */
export function renderMenu(catalog: Catalog, state: MenuState, stateId: string): OutgoingMessage {
  const pages = pageCount(state);
  const page = Math.min(state.page, pages - 1);
  const onPage = state.missing
    .slice(page * SELECTS_PER_PAGE, (page + 1) * SELECTS_PER_PAGE)
    .flatMap((id) => catalog.dimensions.filter((d) => d.id === id));
  const buttons: APIButtonComponentWithCustomId[] = [];
  if (page > 0)
    buttons.push(
      button(
        '◀ Back',
        encodeCustomId({ kind: 'page', state: stateId, page: page - 1 }),
        ButtonStyle.Secondary,
      ),
    );
  if (page < pages - 1)
    buttons.push(
      button(
        `More options (${page + 2}/${pages}) ▶`,
        encodeCustomId({ kind: 'page', state: stateId, page: page + 1 }),
        ButtonStyle.Secondary,
      ),
    );
  buttons.push(button('🎨 Generate', encodeCustomId({ kind: 'go', state: stateId }), ButtonStyle.Success));
  buttons.push(button('Cancel', encodeCustomId({ kind: 'cancel', state: stateId }), ButtonStyle.Danger));

  const given = Object.entries(state.given).flatMap(([id, value]) => {
    const dimension = catalog.dimensions.find((d) => d.id === id);
    return dimension ? [`${dimension.label}: **${labelOf(dimension, value)}**`] : [];
  });
  const lines = [
    `Pick the ${state.missing.length === 1 ? 'last detail' : 'rest'} below, then press **Generate**. Anything you leave out uses the default.`,
    given.length > 0 ? `Already chosen — ${given.join(' · ')}` : '',
    pages > 1 ? `Page ${page + 1} of ${pages}` : '',
  ];
  return {
    embeds: [
      {
        title: truncate(`${catalog.name} — choose your image`, 256),
        description: truncate(lines.filter(Boolean).join('\n'), 4096),
        color: 0x5865f2,
      },
    ],
    components: [
      ...onPage.map((d) => selectRow(catalog, state, stateId, d)),
      { type: ComponentType.ActionRow, components: buttons },
    ],
    files: [],
  };
}

export const expiredMenu = (): OutgoingMessage =>
  textMessage('⌛ This menu expired. Run /generate again to make an image.');

export const cancelledMenu = (): OutgoingMessage =>
  textMessage('Cancelled. Run /generate whenever you like.');

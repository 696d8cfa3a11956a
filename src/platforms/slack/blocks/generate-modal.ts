import type { types } from '@slack/bolt';
import { z } from 'zod';
import { EXTRA_MAX_LENGTH } from '../../../../commands/dimension-options.js';
import type { Catalog } from '../../../core/catalog/schema.js';
import { UserError } from '../../../core/errors.js';
import { dimensionBlockId, GENERATE_MODAL, INPUT_ACTION, LIMITS, PROMPT_BLOCK } from '../ids.js';
import { plainText, truncate } from './mrkdwn.js';

export interface GenerateModalInput {
  catalog: Catalog;
  /** Option ids already chosen, keyed by dimension id (preselected in the modal). */
  given: Record<string, string>;
  extra: string | undefined;
  seed: number | undefined;
  aspect: string | undefined;
  /** Where the job's message is posted once the modal is submitted. */
  channelId: string;
}

const metadataSchema = z.object({
  ch: z.string().min(1).max(40),
  c: z.string().min(1).max(40),
  s: z.number().int().min(0).optional(),
  a: z.string().max(20).optional(),
});

const option = (o: { id: string; label: string }): types.PlainTextOption => ({
  text: plainText(o.label, LIMITS.optionText),
  value: o.id.slice(0, LIMITS.optionValue),
});

/**
 * The /generate modal: one static_select per dimension of the catalog (what was given is preselected;
 * an empty one takes the catalog default), plus the extra text. Slack caps a select at 100 options.
 */
export function buildGenerateModal(input: GenerateModalInput): types.ModalView {
  const { catalog } = input;
  const blocks: types.KnownBlock[] = [
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: truncate(`*${catalog.name}* — empty menus use the default.`, 500) }],
    },
  ];
  for (const dimension of catalog.dimensions.slice(0, LIMITS.modalBlocks - 2)) {
    const options = dimension.options.slice(0, LIMITS.selectOptions).map(option);
    const chosen = options.find((o) => o.value === input.given[dimension.id]);
    const fallback = dimension.options.find((o) => o.id === catalog.defaults[dimension.id]);
    blocks.push({
      type: 'input',
      block_id: dimensionBlockId(dimension.id),
      optional: true,
      label: plainText(dimension.label, LIMITS.label),
      hint: plainText(dimension.description, LIMITS.label),
      element: {
        type: 'static_select',
        action_id: INPUT_ACTION,
        placeholder: plainText(fallback ? `Default: ${fallback.label}` : 'Default', LIMITS.placeholder),
        options,
        ...(chosen ? { initial_option: chosen } : {}),
      },
    });
  }
  const maxLength = Math.min(catalog.freeText.maxLength, EXTRA_MAX_LENGTH);
  blocks.push({
    type: 'input',
    block_id: PROMPT_BLOCK,
    optional: true,
    label: plainText('Extra details', LIMITS.label),
    element: {
      type: 'plain_text_input',
      action_id: INPUT_ACTION,
      multiline: true,
      max_length: maxLength,
      placeholder: plainText('Anything to add (optional)', LIMITS.placeholder),
      ...(input.extra ? { initial_value: input.extra.slice(0, maxLength) } : {}),
    },
  });
  const metadata = {
    ch: input.channelId,
    c: catalog.id,
    ...(input.seed !== undefined ? { s: input.seed } : {}),
    ...(input.aspect ? { a: input.aspect } : {}),
  };
  return {
    type: 'modal',
    callback_id: GENERATE_MODAL,
    title: plainText('Generate an image', LIMITS.modalTitle),
    submit: plainText('Generate', LIMITS.modalTitle),
    close: plainText('Cancel', LIMITS.modalTitle),
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

export interface GenerateSubmission {
  channelId: string;
  catalogId: string;
  options: Record<string, string>;
  extra: string | undefined;
  seed: number | undefined;
  aspect: string | undefined;
}

type StateValues = Record<
  string,
  Record<string, { selected_option?: { value: string } | null; value?: string | null }>
>;

/** Reads a submitted generate modal back into what the user chose. */
export function readGenerateSubmission(view: {
  private_metadata?: string;
  state: { values: StateValues };
}): GenerateSubmission {
  let metadata: z.infer<typeof metadataSchema>;
  try {
    metadata = metadataSchema.parse(JSON.parse(view.private_metadata ?? ''));
  } catch {
    throw new UserError('invalid_input', 'This form is out of date. Please run /generate again.');
  }
  const options: Record<string, string> = {};
  let extra: string | undefined;
  for (const [blockId, actions] of Object.entries(view.state.values)) {
    const entry = actions[INPUT_ACTION];
    if (blockId === PROMPT_BLOCK) extra = entry?.value?.trim() || undefined;
    else if (blockId.startsWith('dim:') && entry?.selected_option?.value)
      options[blockId.slice(4)] = entry.selected_option.value;
  }
  return {
    channelId: metadata.ch,
    catalogId: metadata.c,
    options,
    extra,
    seed: metadata.s,
    aspect: metadata.a,
  };
}

/** Where a validation problem shows in the modal: the dimension's select, else the free text, else the first. */
export function modalErrors(error: UserError, catalog: Catalog | undefined): Record<string, string> {
  const message = truncate(error.message, 2000);
  const field = error.details.field;
  if (field && catalog?.dimensions.some((d) => d.id === field)) return { [dimensionBlockId(field)]: message };
  if (error.code === 'text_too_long' || error.code === 'text_blocked') return { [PROMPT_BLOCK]: message };
  const first = catalog?.dimensions[0];
  return { [first ? dimensionBlockId(first.id) : PROMPT_BLOCK]: message };
}

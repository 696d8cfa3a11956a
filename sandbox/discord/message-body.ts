import type { APIEmbed, APIMessageTopLevelComponent } from 'discord.js';
import { FormErrors, formError } from './form-errors.js';
import { apiErrors } from './http-io.js';

/** The message fields a bot may send (create, edit, interaction response, followup). */
export interface MessageInput {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  flags?: number;
  /** Existing attachments to keep (snowflake ids) and descriptions of new uploads (`files[n]` index ids). */
  attachments?: Array<{ id: string | number; filename?: string; description?: string }>;
  message_reference?: { message_id?: string; channel_id?: string; fail_if_not_exists?: boolean };
  tts?: boolean;
  nonce?: string | number;
  sticker_ids?: string[];
  poll?: unknown;
}

export const FLAG_EPHEMERAL = 1 << 6;
export const FLAG_LOADING = 1 << 7;
export const FLAG_COMPONENTS_V2 = 1 << 15;

export function readMessageInput(json: unknown): MessageInput {
  return json === undefined || json === null ? {} : (assertObject(json, 'body') as MessageInput);
}

/** Discord's limits: 2000 chars, 10 embeds (6000 chars in all), 5 rows, 5 buttons or 1 select a row, 25 options. */
export function validateMessageInput(
  input: MessageInput,
  opts: { creating: boolean; fileCount: number },
): void {
  const errors = new FormErrors();
  errors.maxLength(['content'], input.content, 2000);
  const embeds = input.embeds ?? [];
  if (embeds.length > 10) errors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let embedChars = 0;
  for (const [i, embed] of embeds.entries()) {
    errors.maxLength(['embeds', i, 'title'], embed.title, 256);
    errors.maxLength(['embeds', i, 'description'], embed.description, 4096);
    errors.maxLength(['embeds', i, 'footer', 'text'], embed.footer?.text, 2048);
    errors.maxLength(['embeds', i, 'author', 'name'], embed.author?.name, 256);
    if ((embed.fields?.length ?? 0) > 25) {
      errors.add(['embeds', i, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    }
    for (const [j, field] of (embed.fields ?? []).entries()) {
      errors.maxLength(['embeds', i, 'fields', j, 'name'], field.name, 256);
      errors.maxLength(['embeds', i, 'fields', j, 'value'], field.value, 1024);
      embedChars += field.name.length + field.value.length;
    }
    embedChars += (embed.title ?? '').length + (embed.description ?? '').length;
    embedChars += (embed.footer?.text ?? '').length + (embed.author?.name ?? '').length;
  }
  if (embedChars > 6000)
    errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  validateComponents(input, errors);
  errors.throwIfAny();
  if (opts.creating && !hasContent(input, opts.fileCount)) throw apiErrors.emptyMessage();
}

function hasContent(input: MessageInput, fileCount: number): boolean {
  return Boolean(
    input.content ||
      input.embeds?.length ||
      input.components?.length ||
      input.sticker_ids?.length ||
      input.poll ||
      fileCount > 0,
  );
}

interface RawComponent {
  type?: number;
  custom_id?: string;
  label?: string;
  url?: string;
  style?: number;
  options?: Array<{ label?: string; value?: string }>;
  components?: RawComponent[];
}

function validateComponents(input: MessageInput, errors: FormErrors): void {
  const rows = (input.components ?? []) as RawComponent[];
  const v2 = ((input.flags ?? 0) & FLAG_COMPONENTS_V2) !== 0;
  if (!v2 && rows.length > 5)
    errors.add(['components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  for (const [i, row] of rows.entries()) {
    if (row.type !== 1) {
      if (!v2)
        errors.add(
          ['components', i, 'type'],
          'COMPONENT_LAYOUT_INVALID',
          'Top-level components must be action rows without the IS_COMPONENTS_V2 flag.',
        );
      continue;
    }
    const children = row.components ?? [];
    const selects = children.filter((c) => c.type !== 2).length;
    if (children.length === 0 || children.length > 5 || (selects > 0 && children.length > 1)) {
      errors.add(
        ['components', i, 'components'],
        'BASE_TYPE_BAD_LENGTH',
        'An action row holds 1 to 5 buttons or a single select menu.',
      );
    }
    for (const [j, child] of children.entries())
      validateChild(child, ['components', i, 'components', j], errors);
  }
}

function validateChild(child: RawComponent, path: Array<string | number>, errors: FormErrors): void {
  errors.maxLength([...path, 'custom_id'], child.custom_id, 100);
  if (child.type === 2) {
    errors.maxLength([...path, 'label'], child.label, 80);
    const isLink = child.style === 5;
    if (isLink !== Boolean(child.url) || (!isLink && child.style !== 6 && !child.custom_id)) {
      errors.add(
        path,
        'BUTTON_COMPONENT_INVALID',
        'Link buttons need a url; other buttons need a custom_id.',
      );
    }
    return;
  }
  if (child.type === 3) {
    const options = child.options ?? [];
    if (options.length < 1 || options.length > 25) {
      errors.add([...path, 'options'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
    }
    for (const [k, option] of options.entries()) {
      errors.maxLength([...path, 'options', k, 'label'], option.label, 100);
      errors.maxLength([...path, 'options', k, 'value'], option.value, 100);
    }
  }
}

export function assertObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw formError([], 'DICT_TYPE_CONVERT', `${what} must be an object`);
  }
  return value as Record<string, unknown>;
}

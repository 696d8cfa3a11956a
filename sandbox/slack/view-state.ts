import { selectOptions } from './blocks.js';
import type { Json } from './types.js';

/** A value a simulated user gives an element: text, an option value, several option values, or nothing. */
export type InputValue = string | string[] | null;
export type StateValues = Record<string, Record<string, Json>>;

const TEXT_INPUTS = new Set([
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'rich_text_input',
]);
const SINGLE_OPTION = new Set(['static_select', 'external_select', 'radio_buttons', 'overflow']);
const MULTI_OPTION = new Set(['multi_static_select', 'multi_external_select', 'checkboxes']);
const PICKERS: Record<string, string> = {
  users_select: 'selected_user',
  conversations_select: 'selected_conversation',
  channels_select: 'selected_channel',
  datepicker: 'selected_date',
  timepicker: 'selected_time',
};

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Located {
  blockId: string;
  element: Json;
}

/** Stateful elements: input block elements, and selects/pickers in actions blocks and section accessories. */
function statefulElements(blocks: unknown[]): Located[] {
  const found: Located[] = [];
  for (const block of blocks.filter(isObject)) {
    const blockId = String(block.block_id ?? '');
    const candidates = [
      block.element,
      block.accessory,
      ...(Array.isArray(block.elements) ? block.elements : []),
    ];
    for (const element of candidates.filter(isObject)) {
      if (typeof element.type !== 'string' || typeof element.action_id !== 'string') continue;
      if (element.type === 'button' || element.type === 'image') continue;
      found.push({ blockId, element });
    }
  }
  return found;
}

/** The option of a static element that has this value (its text as the app wrote it). */
export function optionFor(element: Json, value: string): Json {
  const option = selectOptions(element).find((o) => o.value === value);
  if (option) return option;
  if (String(element.type).includes('external'))
    return { text: { type: 'plain_text', text: value, emoji: true }, value };
  throw new Error(`slack emulator: ${String(element.action_id)} has no option with value "${value}"`);
}

/** One element's entry in state.values, from a given value or else its initial value. */
export function elementState(element: Json, value: InputValue | undefined): Json {
  const type = String(element.type);
  if (TEXT_INPUTS.has(type)) {
    const initial = typeof element.initial_value === 'string' ? element.initial_value : null;
    return { type, value: value === undefined ? initial : Array.isArray(value) ? value.join(',') : value };
  }
  if (SINGLE_OPTION.has(type)) {
    const initial = isObject(element.initial_option) ? element.initial_option : null;
    const picked = typeof value === 'string' ? optionFor(element, value) : value === null ? null : initial;
    return { type, selected_option: picked };
  }
  if (MULTI_OPTION.has(type)) {
    const initial = Array.isArray(element.initial_options) ? element.initial_options : [];
    const values =
      value === undefined ? undefined : value === null ? [] : Array.isArray(value) ? value : [value];
    return { type, selected_options: values ? values.map((v) => optionFor(element, v)) : initial };
  }
  const field = PICKERS[type];
  if (field) {
    const initialKey = `initial_${field.replace('selected_', '')}`;
    const initial = typeof element[initialKey] === 'string' ? element[initialKey] : null;
    return { type, [field]: value === undefined ? initial : value };
  }
  return { type, value: value ?? null };
}

/**
 * state.values as Slack sends them: every stateful element of the blocks, keyed block_id → action_id.
 * `values` are keyed by action_id (or by block_id for a one-element input block); `current` holds what
 * earlier interactions already set.
 */
export function buildStateValues(
  blocks: unknown[],
  values: Record<string, InputValue> = {},
  current: StateValues = {},
): StateValues {
  const elements = statefulElements(blocks);
  const known = new Set(elements.flatMap((e) => [String(e.element.action_id), e.blockId]));
  const unknown = Object.keys(values).filter((k) => !known.has(k));
  if (unknown.length)
    throw new Error(`slack emulator: no input element with action_id or block_id ${unknown.join(', ')}`);
  const state: StateValues = {};
  for (const { blockId, element } of elements) {
    const actionId = String(element.action_id);
    const given = actionId in values ? values[actionId] : blockId in values ? values[blockId] : undefined;
    const previous = current[blockId]?.[actionId];
    const entry = given === undefined && previous ? previous : elementState(element, given);
    state[blockId] = { ...(state[blockId] ?? {}), [actionId]: entry };
  }
  return state;
}

/** The `actions[0]` entry of a block_actions payload for this element and value. */
export function actionPayload(
  element: Json,
  ids: { actionId: string; blockId: string; actionTs: string },
  value: InputValue | undefined,
): Json {
  const base = { action_id: ids.actionId, block_id: ids.blockId, action_ts: ids.actionTs };
  const type = String(element.type);
  if (type === 'button') {
    return {
      ...base,
      type,
      text: element.text,
      ...(typeof element.value === 'string' ? { value: element.value } : {}),
      ...(element.style ? { style: element.style } : {}),
    };
  }
  return {
    ...base,
    ...elementState(element, value),
    ...(element.placeholder ? { placeholder: element.placeholder } : {}),
  };
}

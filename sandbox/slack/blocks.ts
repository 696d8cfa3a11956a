import type { Json } from './types.js';

const BLOCK_TYPES = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'video',
  'table',
]);
const SELECTS = new Set(['static_select', 'multi_static_select']);

export interface BlockLimits {
  /** 50 in messages, 100 in modals. */
  maxBlocks: number;
  pointer: string;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string | undefined =>
  isObject(v) && typeof v.text === 'string' ? v.text : undefined;

/**
 * Checks the Block Kit limits Slack enforces (counts, lengths, select options) and returns Slack-style
 * `[ERROR] ... [json-pointer:/blocks/0/...]` messages; empty when the blocks are acceptable.
 */
export function validateBlocks(blocks: unknown, { maxBlocks, pointer }: BlockLimits): string[] {
  const errors: string[] = [];
  const fail = (message: string, at: string) => errors.push(`[ERROR] ${message} [json-pointer:${at}]`);
  if (!Array.isArray(blocks)) {
    fail('must be an array', pointer);
    return errors;
  }
  if (blocks.length > maxBlocks) fail(`must provide no more than ${maxBlocks} items`, pointer);
  const blockIds = new Set<string>();
  blocks.forEach((block: unknown, i) => {
    const at = `${pointer}/${i}`;
    if (!isObject(block) || typeof block.type !== 'string' || !BLOCK_TYPES.has(block.type)) {
      fail('unsupported type', `${at}/type`);
      return;
    }
    if (block.block_id !== undefined) {
      const id = String(block.block_id);
      if (id.length > 255) fail('must be less than 256 characters', `${at}/block_id`);
      if (blockIds.has(id)) fail(`block_id '${id}' already exists`, `${at}/block_id`);
      blockIds.add(id);
    }
    validateBlock(block, at, fail);
  });
  return errors;
}

type Fail = (message: string, at: string) => void;

function validateBlock(block: Json, at: string, fail: Fail): void {
  switch (block.type) {
    case 'section': {
      const text = textOf(block.text);
      if (text === undefined && !Array.isArray(block.fields)) fail('must provide text or fields', at);
      if (text !== undefined && text.length > 3000)
        fail('must be less than 3001 characters', `${at}/text/text`);
      if (Array.isArray(block.fields) && block.fields.length > 10)
        fail('must provide no more than 10 items', `${at}/fields`);
      if (block.accessory !== undefined) validateElement(block.accessory, `${at}/accessory`, fail);
      break;
    }
    case 'header':
      if ((textOf(block.text) ?? '').length > 150)
        fail('must be less than 151 characters', `${at}/text/text`);
      break;
    case 'image':
      if (typeof block.image_url !== 'string' && !isObject(block.slack_file))
        fail('must provide image_url', at);
      if (typeof block.alt_text !== 'string') fail('must provide alt_text', `${at}/alt_text`);
      break;
    case 'actions':
    case 'context': {
      const max = block.type === 'actions' ? 25 : 10;
      if (!Array.isArray(block.elements) || block.elements.length === 0)
        fail('must provide elements', `${at}/elements`);
      else if (block.elements.length > max) fail(`must provide no more than ${max} items`, `${at}/elements`);
      if (block.type === 'actions' && Array.isArray(block.elements)) {
        block.elements.forEach((el: unknown, j) => {
          validateElement(el, `${at}/elements/${j}`, fail);
        });
      }
      break;
    }
    case 'input':
      if (textOf(block.label) === undefined) fail('must provide label', `${at}/label`);
      if (!isObject(block.element)) fail('must provide element', `${at}/element`);
      else validateElement(block.element, `${at}/element`, fail);
      break;
  }
}

function validateElement(element: unknown, at: string, fail: Fail): void {
  if (!isObject(element) || typeof element.type !== 'string') {
    fail('must provide type', at);
    return;
  }
  if (typeof element.action_id === 'string' && element.action_id.length > 255) {
    fail('must be less than 256 characters', `${at}/action_id`);
  }
  if (element.type === 'button') {
    if ((textOf(element.text) ?? '').length > 75) fail('must be less than 76 characters', `${at}/text/text`);
    if (typeof element.value === 'string' && element.value.length > 2000)
      fail('must be less than 2001 characters', `${at}/value`);
    if (element.confirm !== undefined) validateConfirm(element.confirm, `${at}/confirm`, fail);
  }
  if (SELECTS.has(element.type)) {
    const options = selectOptions(element);
    if (options.length === 0) fail('must provide options or option_groups', at);
    if (options.length > 100) fail('must provide no more than 100 items', `${at}/options`);
    options.forEach((option, k) => {
      if ((textOf(option.text) ?? '').length > 75)
        fail('must be less than 76 characters', `${at}/options/${k}/text/text`);
      if (typeof option.value === 'string' && option.value.length > 150) {
        fail('must be less than 151 characters', `${at}/options/${k}/value`);
      }
    });
  }
}

/** A confirmation dialog object: title, text, confirm and deny, within Slack's lengths. */
function validateConfirm(confirm: unknown, at: string, fail: Fail): void {
  if (!isObject(confirm)) {
    fail('must be an object', at);
    return;
  }
  const limits = { title: 100, text: 300, confirm: 30, deny: 30 } as const;
  for (const [field, max] of Object.entries(limits)) {
    const text = textOf(confirm[field]);
    if (text === undefined) fail(`must provide ${field}`, `${at}/${field}`);
    else if (text.length > max) fail(`must be less than ${max + 1} characters`, `${at}/${field}/text`);
  }
  if (confirm.style !== undefined && confirm.style !== 'primary' && confirm.style !== 'danger')
    fail('must be primary or danger', `${at}/style`);
}

/** The options of a static select, flattened from option_groups when it has them. */
export function selectOptions(element: Json): Json[] {
  if (Array.isArray(element.options)) return element.options.filter(isObject);
  if (Array.isArray(element.option_groups)) {
    return element.option_groups
      .filter(isObject)
      .flatMap((g) => (Array.isArray(g.options) ? g.options.filter(isObject) : []));
  }
  return [];
}

/** Slack gives every block a block_id and every interactive element an action_id when the app did not. */
export function normalizeBlocks(blocks: unknown[], nextId: () => string): unknown[] {
  return blocks.map((block) => {
    if (!isObject(block)) return block;
    const out: Json = { ...block, block_id: typeof block.block_id === 'string' ? block.block_id : nextId() };
    const withActionId = (el: unknown) =>
      isObject(el) &&
      typeof el.type === 'string' &&
      el.action_id === undefined &&
      el.type !== 'image' &&
      el.type !== 'plain_text' &&
      el.type !== 'mrkdwn'
        ? { ...el, action_id: nextId() }
        : el;
    if (out.type === 'actions' && Array.isArray(out.elements)) out.elements = out.elements.map(withActionId);
    if (out.type === 'input') out.element = withActionId(out.element);
    if (out.type === 'section' && out.accessory !== undefined) out.accessory = withActionId(out.accessory);
    return out;
  });
}

/** Finds the interactive element with this action_id (and block_id when given) in a list of blocks. */
export function findElement(
  blocks: unknown[],
  actionId: string,
  blockId?: string,
): { block: Json; element: Json } | undefined {
  for (const block of blocks) {
    if (!isObject(block) || (blockId !== undefined && block.block_id !== blockId)) continue;
    const candidates = [
      ...(Array.isArray(block.elements) ? block.elements : []),
      block.accessory,
      block.element,
    ].filter(isObject);
    const element = candidates.find((el) => el.action_id === actionId);
    if (element) return { block, element };
  }
  return undefined;
}

/**
 * Slack Web API calls against each method's documented arguments (../specs/slack-method-args.json, from
 * node-slack-sdk's request types) and Block Kit's limits (docs.slack.dev/reference/block-kit/…).
 */
import { readFileSync } from 'node:fs';
import type { Problem } from './problem.js';

interface MethodArgs {
  required: string[];
  optional: string[];
  requiredOneOf?: string[][];
}
const ARGS = JSON.parse(
  readFileSync(new URL('../specs/slack-method-args.json', import.meta.url), 'utf8'),
) as Record<string, MethodArgs>;
const ARGS_SOURCE = 'node-slack-sdk packages/web-api/src/types/request';
/**
 * Where the API's own reference differs from the SDK's types, the API wins: files.getUploadURLExternal takes
 * the image description as `alt_txt` (docs.slack.dev/reference/methods/files.getUploadURLExternal,
 * "Optional arguments"); node-slack-sdk's types say `alt_text`, which the API ignores.
 */
const API_ARGS: Record<string, { optional: string[]; not: string[] }> = {
  'files.getUploadURLExternal': { optional: ['alt_txt'], not: ['alt_text'] },
};
for (const [method, fix] of Object.entries(API_ARGS)) {
  const spec = ARGS[method];
  if (spec) spec.optional = [...spec.optional.filter((k) => !fix.not.includes(k)), ...fix.optional];
}
const BK = 'docs.slack.dev/reference/block-kit/';
type Json = Record<string, unknown>;

export const documentedMethods = (): string[] => Object.keys(ARGS);

export function checkArgs(method: string, args: Json): Problem[] {
  const spec = ARGS[method];
  const where = method;
  if (!spec)
    return [{ where, message: 'is not a method the suite knows the arguments of', source: ARGS_SOURCE }];
  const known = new Set([...spec.required, ...spec.optional]);
  const problems: Problem[] = [];
  for (const key of Object.keys(args))
    if (!known.has(key))
      problems.push({ where, message: `sends "${key}", not an argument of ${method}`, source: ARGS_SOURCE });
  for (const key of spec.required)
    if (args[key] === undefined)
      problems.push({ where, message: `lacks the required "${key}"`, source: ARGS_SOURCE });
  if (spec.requiredOneOf && !spec.requiredOneOf.some((set) => set.every((k) => args[k] !== undefined)))
    problems.push({
      where,
      message: `needs one of ${spec.requiredOneOf.map((s) => s.join('+')).join(' | ')}`,
      source: ARGS_SOURCE,
    });
  return problems;
}

const textOf = (t: unknown) => (t && typeof t === 'object' ? String((t as Json).text ?? '') : '');

/** Block Kit limits of one surface's blocks: a message (50 blocks) or a modal/Home tab (100). */
export function checkBlocks(given: unknown, surface: 'message' | 'modal', where: string): Problem[] {
  // The Web API takes `blocks` as an array or as its JSON text (reference/methods/chat.postMessage).
  const blocks = typeof given === 'string' ? (JSON.parse(given) as unknown) : given;
  if (!Array.isArray(blocks)) return [];
  const problems: Problem[] = [];
  const add = (at: string, message: string, page: string) =>
    problems.push({ where: `${where}${at}`, message, source: `${BK}${page}` });
  const max = (n: number, limit: number, at: string, what: string, page: string) => {
    if (n > limit) add(at, `${what} is ${n} (limit ${limit})`, page);
  };
  // blocks: "Maximum of 50 blocks in each message, 100 in modals or Home tabs".
  max(blocks.length, surface === 'message' ? 50 : 100, '.blocks', 'block count', 'blocks');
  // blocks/image-block and block-elements/image-element: alt_text is required (≤ 2,000), and either an
  // image_url (≤ 3,000; "Supported file types include png, jpg, jpeg, and gif") or a slack_file. The file
  // type is judged by the URL's extension only; the emulator fetches the URL and reads what comes back.
  const image = (img: Json, at: string, page: string) => {
    if (typeof img.alt_text !== 'string') add(`${at}.alt_text`, 'is missing (required)', page);
    else max(img.alt_text.length, 2000, `${at}.alt_text`, 'alt_text length', page);
    if ((img.image_url === undefined) === (img.slack_file === undefined))
      add(at, 'needs exactly one of image_url and slack_file', page);
    if (typeof img.image_url !== 'string') return;
    max(img.image_url.length, 3000, `${at}.image_url`, 'image_url length', page);
    if (!URL.canParse(img.image_url)) return add(`${at}.image_url`, `is not a URL: ${img.image_url}`, page);
    if (!/\.(png|jpe?g|gif)$/i.test(new URL(img.image_url).pathname))
      add(`${at}.image_url`, `is not a PNG, JPEG or GIF: ${img.image_url}`, page);
  };
  const element = (e: Json, at: string) => {
    if (e.type === 'image') return image(e, at, 'block-elements/image-element');
    // block-elements/*: action_id ≤ 255; button text ≤ 75, value ≤ 2,000; static select ≤ 100 options.
    max(String(e.action_id ?? '').length, 255, `${at}.action_id`, 'action_id length', 'block-elements');
    if (e.type === 'button') {
      max(textOf(e.text).length, 75, `${at}.text`, 'button text length', 'block-elements/button-element');
      max(
        String(e.value ?? '').length,
        2000,
        `${at}.value`,
        'button value length',
        'block-elements/button-element',
      );
    }
    const options = Array.isArray(e.options) ? (e.options as Json[]) : [];
    max(options.length, 100, `${at}.options`, 'option count', 'block-elements/select-menu-element');
    // composition-objects/option-object: text ≤ 75, value ≤ 150.
    options.forEach((o, i) => {
      max(
        textOf(o.text).length,
        75,
        `${at}.options[${i}].text`,
        'option text length',
        'composition-objects/option-object',
      );
      max(
        String(o.value ?? '').length,
        150,
        `${at}.options[${i}].value`,
        'option value length',
        'composition-objects/option-object',
      );
    });
  };
  blocks.forEach((raw, i) => {
    const b = raw as Json;
    const at = `.blocks[${i}]`;
    max(String(b.block_id ?? '').length, 255, `${at}.block_id`, 'block_id length', 'blocks');
    if (b.type === 'section') {
      // blocks/section-block: text ≤ 3,000; fields ≤ 10, each ≤ 2,000.
      max(textOf(b.text).length, 3000, `${at}.text`, 'section text length', 'blocks/section-block');
      const fields = Array.isArray(b.fields) ? (b.fields as unknown[]) : [];
      max(fields.length, 10, `${at}.fields`, 'field count', 'blocks/section-block');
      fields.forEach((f, j) => {
        max(textOf(f).length, 2000, `${at}.fields[${j}]`, 'field text length', 'blocks/section-block');
      });
      if (b.accessory) element(b.accessory as Json, `${at}.accessory`);
    }
    if (b.type === 'header')
      max(textOf(b.text).length, 150, `${at}.text`, 'header text length', 'blocks/header-block');
    if (b.type === 'context') {
      const elements = (b.elements as Json[] | undefined) ?? [];
      max(elements.length, 10, `${at}.elements`, 'element count', 'blocks/context-block');
      elements.forEach((e, j) => {
        if (e.type === 'image') image(e, `${at}.elements[${j}]`, 'block-elements/image-element');
      });
    }
    if (b.type === 'actions') {
      const elements = (b.elements as Json[] | undefined) ?? [];
      max(elements.length, 25, `${at}.elements`, 'element count', 'blocks/actions-block');
      elements.forEach((e, j) => {
        element(e, `${at}.elements[${j}]`);
      });
    }
    if (b.type === 'input' && b.element) element(b.element as Json, `${at}.element`);
    if (b.type === 'image') image(b, at, 'blocks/image-block');
  });
  return problems;
}

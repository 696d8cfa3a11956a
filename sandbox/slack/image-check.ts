import type { FileStore, StoredFile } from './file-store.js';
import { sniffImage } from './image-sniff.js';
import type { SlackKnobs } from './knobs.js';
import type { Json } from './types.js';

/**
 * What Slack does with the images of a message or view when it is posted (chat.postMessage, chat.update,
 * chat.postEphemeral, views.*, response_url):
 * - it downloads every `image_url` then and there, and answers `invalid_blocks` with
 *   "downloading image failed [json-pointer:/blocks/0/image_url]" when it cannot (python-slack-sdk#1782,
 *   node-slack-sdk#1693: a localhost URL);
 * - it shows PNG, JPEG and GIF only ("Supported file types include png, jpg, jpeg, and gif":
 *   https://docs.slack.dev/reference/block-kit/blocks/image-block); a WebP image fails the same way
 *   ("the Slack Block Kit server side does not support the format": node-slack-sdk#1482);
 * - a `slack_file` must be a png/jpg/jpeg/gif file the poster can see, given by id or by url, not both
 *   (https://docs.slack.dev/reference/block-kit/composition-objects/slack-file-object), and processed: a
 *   fresh upload is refused as "invalid slack file [json-pointer:/blocks/0/slack_file]" for about a second
 *   (python-slack-sdk#1521, #1658, #1797).
 * The error names the failing image by its JSON pointer, in `errors` and `response_metadata.messages`.
 */
export interface ImageCheckDeps {
  files: FileStore;
  knobs(): SlackKnobs;
  /** Aborts downloads in flight when the emulator closes. */
  closing: AbortSignal;
}

interface ImageRef {
  pointer: string;
  url?: string;
  slackFile?: unknown;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function refOf(image: Json, at: string): ImageRef | undefined {
  if (typeof image.image_url === 'string') return { pointer: `${at}/image_url`, url: image.image_url };
  if (image.slack_file !== undefined) return { pointer: `${at}/slack_file`, slackFile: image.slack_file };
  return undefined;
}

/** The images of a block list: image blocks, section accessories and context elements. */
export function imageRefs(blocks: unknown, pointer: string): ImageRef[] {
  if (!Array.isArray(blocks)) return [];
  const refs: ImageRef[] = [];
  const add = (image: unknown, at: string) => {
    const ref = isObject(image) && image.type === 'image' ? refOf(image, at) : undefined;
    if (ref) refs.push(ref);
  };
  blocks.forEach((block: unknown, i) => {
    if (!isObject(block)) return;
    const at = `${pointer}/${i}`;
    if (block.type === 'image') add(block, at);
    if (block.type === 'section') add(block.accessory, `${at}/accessory`);
    if (block.type === 'context' && Array.isArray(block.elements))
      block.elements.forEach((el: unknown, j) => {
        add(el, `${at}/elements/${j}`);
      });
  });
  return refs;
}

const SHOWN = new Set(['png', 'jpeg', 'gif']);
const SHOWN_MIMETYPES = new Set(['image/png', 'image/jpeg', 'image/gif']);

async function downloads(url: string, deps: ImageCheckDeps): Promise<boolean> {
  if (!/^https?:\/\//i.test(url)) return false;
  try {
    const res = await fetch(url, {
      signal: AbortSignal.any([deps.closing, AbortSignal.timeout(deps.knobs().imageFetchTimeoutMs)]),
    });
    if (!res.ok) {
      await res.body?.cancel();
      return false;
    }
    const kind = sniffImage(new Uint8Array(await res.arrayBuffer()));
    return kind !== undefined && SHOWN.has(kind);
  } catch {
    return false;
  }
}

function usableFile(slackFile: unknown, files: FileStore): boolean {
  if (!isObject(slackFile)) return false;
  const { id, url } = slackFile;
  if ((id === undefined) === (url === undefined)) return false;
  const file: StoredFile | undefined =
    typeof id === 'string'
      ? files.get(id)
      : files.all().find((f) => {
          const wire = files.toWire(f);
          return url === wire.url_private || url === wire.permalink;
        });
  return file?.processed === true && SHOWN_MIMETYPES.has(file.mimetype);
}

/** Slack's messages for the images of `blocks` that it could not show; empty when all are fine. */
export async function checkImages(blocks: unknown, pointer: string, deps: ImageCheckDeps): Promise<string[]> {
  const refs = imageRefs(blocks, pointer);
  const fetching = deps.knobs().fetchImages;
  const problems = await Promise.all(
    refs.map(async (ref) => {
      if (ref.url !== undefined) {
        if (!fetching || (await downloads(ref.url, deps))) return undefined;
        return `downloading image failed [json-pointer:${ref.pointer}]`;
      }
      return usableFile(ref.slackFile, deps.files)
        ? undefined
        : `invalid slack file [json-pointer:${ref.pointer}]`;
    }),
  );
  return problems.filter((p) => p !== undefined);
}

/** Where each Web API method carries blocks whose images Slack checks. */
const BLOCKS_OF: Record<string, { field: 'blocks' | 'view'; pointer: string }> = {
  'chat.postMessage': { field: 'blocks', pointer: '/blocks' },
  'chat.update': { field: 'blocks', pointer: '/blocks' },
  'chat.postEphemeral': { field: 'blocks', pointer: '/blocks' },
  'files.completeUploadExternal': { field: 'blocks', pointer: '/blocks' },
  'views.open': { field: 'view', pointer: '/view/blocks' },
  'views.push': { field: 'view', pointer: '/view/blocks' },
  'views.update': { field: 'view', pointer: '/view/blocks' },
};

/**
 * The Web API error for a call whose images Slack could not show, or undefined. Messages answer
 * invalid_blocks (python-slack-sdk#1782); views answer invalid_arguments, as for their other block errors.
 */
export async function imageError(
  method: string,
  args: Json,
  deps: ImageCheckDeps,
): Promise<{ error: string; extra: Json } | undefined> {
  const where = BLOCKS_OF[method];
  if (!where) return undefined;
  const value = args[where.field];
  const blocks = where.field === 'view' ? (isObject(value) ? value.blocks : undefined) : value;
  const problems = await checkImages(blocks, where.pointer, deps);
  if (problems.length === 0) return undefined;
  const messages = problems.map((p) => `[ERROR] ${p}`);
  return where.field === 'view'
    ? { error: 'invalid_arguments', extra: { response_metadata: { messages } } }
    : { error: 'invalid_blocks', extra: { errors: problems, response_metadata: { messages } } };
}

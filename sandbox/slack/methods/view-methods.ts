import { object, requireStr, SlackApiError, str } from '../api-args.js';
import { normalizeBlocks, validateBlocks } from '../blocks.js';
import type { Json, ViewRecord } from '../types.js';
import type { MethodContext, MethodSpec } from './context.js';
import { nextBlockId } from './context.js';

const MAX_MODAL_BLOCKS = 100;

/** The checks Slack makes on a view payload; errors come back as invalid_arguments with messages. */
function readView(args: Json, ctx: MethodContext): Json {
  const view = object(args, 'view');
  if (!view)
    throw new SlackApiError('invalid_arguments', {
      response_metadata: { messages: ['[ERROR] missing required field: view'] },
    });
  const messages: string[] = [];
  const title = view.title as Json | undefined;
  if (view.type !== 'modal' && view.type !== 'home')
    messages.push('[ERROR] must be a valid enum value [json-pointer:/view/type]');
  if (view.type === 'modal') {
    if (typeof title?.text !== 'string')
      messages.push('[ERROR] missing required field: title [json-pointer:/view]');
    else if (title.text.length > 24)
      messages.push('[ERROR] must be less than 25 characters [json-pointer:/view/title/text]');
  }
  messages.push(
    ...validateBlocks(view.blocks ?? [], { maxBlocks: MAX_MODAL_BLOCKS, pointer: '/view/blocks' }),
  );
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  const hasInput = blocks.some((b) => typeof b === 'object' && b !== null && (b as Json).type === 'input');
  if (view.type === 'modal' && hasInput && view.submit === undefined) {
    messages.push('[ERROR] must provide submit when blocks contain an input [json-pointer:/view/submit]');
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) {
    messages.push('[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]');
  }
  if (messages.length) throw new SlackApiError('invalid_arguments', { response_metadata: { messages } });
  return { ...view, blocks: normalizeBlocks(blocks, nextBlockId(ctx)) };
}

function triggerUser(args: Json, ctx: MethodContext): string {
  const check = ctx.views.consumeTrigger(requireStr(args, 'trigger_id', 'invalid_trigger_id'));
  if ('error' in check) throw new SlackApiError(check.error);
  return check.userId;
}

function open(args: Json, ctx: MethodContext): Json {
  const view = readView(args, ctx);
  return { view: ctx.views.open(triggerUser(args, ctx), view) };
}

function push(args: Json, ctx: MethodContext): Json {
  const view = readView(args, ctx);
  const pushed = ctx.views.push(triggerUser(args, ctx), view);
  if ('error' in pushed) throw new SlackApiError(pushed.error);
  return pushed;
}

function update(args: Json, ctx: MethodContext): Json {
  const view = readView(args, ctx);
  const viewId = str(args, 'view_id');
  const externalId = str(args, 'external_id');
  let record: ViewRecord | undefined;
  if (viewId) record = ctx.views.get(viewId);
  else if (externalId) record = ctx.views.byExternalId(externalId);
  else
    throw new SlackApiError('invalid_arguments', {
      response_metadata: { messages: ['[ERROR] view_id or external_id required'] },
    });
  if (!record?.open) throw new SlackApiError('not_found');
  const updated = ctx.views.update(record, view, str(args, 'hash') || undefined);
  if ('error' in updated) throw new SlackApiError(updated.error);
  return updated;
}

export const viewMethods: Record<string, MethodSpec> = {
  'views.open': { handler: open, token: 'bot' },
  'views.push': { handler: push, token: 'bot' },
  'views.update': { handler: update, token: 'bot' },
};

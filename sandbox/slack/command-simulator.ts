import { normalizeBlocks } from './blocks.js';
import { slashCommandPayload, viewSubmissionPayload } from './payloads.js';
import { findChannel, findOpenView, findUser, payloadContext, type SimulatorDeps } from './simulator-deps.js';
import type { DeliveryResult, Json, ViewRecord } from './types.js';
import { buildStateValues, type InputValue, type StateValues } from './view-state.js';

export interface SlashCommandArgs {
  userId: string;
  channelId: string;
  /** With the slash, e.g. "/generate". */
  command: string;
  text?: string;
}

export interface SlashCommandResult extends DeliveryResult {
  triggerId: string;
  responseUrl: string;
}

export interface SubmitViewArgs {
  userId: string;
  /** Defaults to the user's top open view. */
  viewId?: string;
  /** Keyed by action_id (or block_id of a one-element input block): text, option value(s) or null. */
  values?: Record<string, InputValue>;
  /** Sent as state.values verbatim instead of being built from `values`. */
  stateValues?: StateValues;
}

export interface ViewSubmissionResult extends DeliveryResult {
  triggerId: string;
  responseAction?: 'errors' | 'update' | 'push' | 'clear';
  errors?: Record<string, string>;
}

export async function simulateSlashCommand(
  deps: SimulatorDeps,
  args: SlashCommandArgs,
): Promise<SlashCommandResult> {
  const user = findUser(deps, args.userId);
  const channel = findChannel(deps, args.channelId);
  const triggerId = deps.views.issueTrigger(user.id);
  const responseUrl = deps.responseUrls.issue({ channelId: channel.id, userId: user.id });
  const payload = slashCommandPayload(payloadContext(deps), {
    user,
    channel,
    command: args.command,
    text: args.text ?? '',
    triggerId,
    responseUrl,
  });
  const result = await deps.deliver({ kind: 'slash_command', payload });
  // An ack with a message body is shown like a response_url message.
  const ack = typeof result.ack === 'string' ? { text: result.ack } : (result.ack as Json | undefined);
  if (
    result.acked &&
    ack &&
    (ack.text !== undefined || ack.blocks !== undefined || ack.attachments !== undefined)
  ) {
    deps.responseUrls.applyAck(responseUrl, ack);
  }
  return { ...result, triggerId, responseUrl };
}

export async function simulateSubmitView(
  deps: SimulatorDeps,
  args: SubmitViewArgs,
): Promise<ViewSubmissionResult> {
  const user = findUser(deps, args.userId);
  const record = findOpenView(deps, user.id, args.viewId);
  const { view } = record;
  const stateValues =
    args.stateValues ?? buildStateValues(view.blocks, args.values, deps.selections.get(view.id));
  const triggerId = deps.views.issueTrigger(user.id);
  const payload = viewSubmissionPayload(payloadContext(deps), { user, view, stateValues, triggerId });
  const result = await deps.deliver({ kind: 'view_submission', payload });
  // Without an ack in time Slack shows an error inside the modal and leaves it open.
  if (!result.acked) return { ...result, triggerId };
  return { ...result, triggerId, ...applyResponseAction(deps, record, result.ack) };
}

/** What the modal does after the ack: close, show errors, update, push or clear. */
function applyResponseAction(deps: SimulatorDeps, record: ViewRecord, ack: unknown) {
  const { views } = deps;
  const body = (typeof ack === 'object' && ack !== null ? ack : {}) as Json;
  const withIds = (v: unknown): Json => {
    const view = (typeof v === 'object' && v !== null ? v : {}) as Json;
    const blocks = Array.isArray(view.blocks) ? view.blocks : [];
    return { ...view, blocks: normalizeBlocks(blocks, () => deps.ids.secret().slice(0, 5)) };
  };
  switch (body.response_action) {
    case 'errors': {
      const errors = (body.errors ?? {}) as Record<string, string>;
      views.reportErrors(record, errors);
      return { responseAction: 'errors' as const, errors };
    }
    case 'update':
      views.update(record, withIds(body.view));
      return { responseAction: 'update' as const };
    case 'push':
      views.push(record.userId, withIds(body.view));
      return { responseAction: 'push' as const };
    case 'clear':
      views.clear(record.userId);
      return { responseAction: 'clear' as const };
    default:
      views.closeTop(record.userId);
      return {};
  }
}

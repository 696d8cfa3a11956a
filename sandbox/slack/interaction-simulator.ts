import { findElement } from './blocks.js';
import { type BlockActionParts, blockActionsPayload } from './payloads.js';
import { findChannel, findOpenView, findUser, payloadContext, type SimulatorDeps } from './simulator-deps.js';
import type { DeliveryResult, Json } from './types.js';
import { actionPayload, buildStateValues, type InputValue } from './view-state.js';

export interface BlockActionArgs {
  userId: string;
  /** Message container: channel and message ts (an ephemeral message's ts works too). */
  channelId?: string;
  messageTs?: string;
  /** View container: an open modal of the user. */
  viewId?: string;
  actionId: string;
  blockId?: string;
  /** A button's value when the element is not in the source blocks. */
  value?: string;
  /** The option picked in a select (by value; text only needed for elements not in the blocks). */
  selectedOption?: string | { value: string; text?: string };
  selectedOptions?: string[];
}

export interface BlockActionResult extends DeliveryResult {
  triggerId: string;
  responseUrl?: string;
}

interface Source {
  blocks: unknown[];
  selectionKey: string;
  parts: Omit<BlockActionParts, 'user' | 'action' | 'triggerId' | 'stateValues'>;
}

function findSource(deps: SimulatorDeps, args: BlockActionArgs): Source {
  if (args.viewId) {
    const record = findOpenView(deps, args.userId, args.viewId);
    return { blocks: record.view.blocks, selectionKey: record.view.id, parts: { view: record.view } };
  }
  if (!args.channelId || !args.messageTs)
    throw new Error('slack emulator: blockAction needs viewId or channelId + messageTs');
  const channel = findChannel(deps, args.channelId);
  const stored = deps.messages.get(channel.id, args.messageTs);
  const selectionKey = `${channel.id}:${args.messageTs}`;
  if (stored) {
    const message = deps.messages.toWire(stored);
    const { channel: _, ...wire } = message;
    const responseUrl = deps.responseUrls.issue({
      channelId: channel.id,
      userId: args.userId,
      messageTs: stored.ts,
    });
    return {
      blocks: stored.blocks ?? [],
      selectionKey,
      parts: { channel, messageTs: stored.ts, message: wire, responseUrl },
    };
  }
  const ephemeral = deps.ephemerals.get(args.userId, args.messageTs);
  if (!ephemeral || ephemeral.deletedAt !== undefined || ephemeral.replacedAt !== undefined) {
    throw new Error(
      `slack emulator: no message ${args.messageTs} in ${channel.id} visible to ${args.userId}`,
    );
  }
  const responseUrl = deps.responseUrls.issue({
    channelId: channel.id,
    userId: args.userId,
    ephemeralTs: ephemeral.ts,
  });
  return {
    blocks: ephemeral.blocks ?? [],
    selectionKey,
    parts: { channel, messageTs: ephemeral.ts, isEphemeral: true, responseUrl },
  };
}

/** A stand-in element for an action_id that is not in the source blocks. */
function syntheticElement(args: BlockActionArgs): Json {
  const option =
    typeof args.selectedOption === 'string' ? { value: args.selectedOption } : args.selectedOption;
  const text = (t: string) => ({ type: 'plain_text', text: t, emoji: true });
  if (option) {
    return {
      type: 'static_select',
      action_id: args.actionId,
      options: [{ text: text(option.text ?? option.value), value: option.value }],
    };
  }
  if (args.selectedOptions) {
    const options = args.selectedOptions.map((v) => ({ text: text(v), value: v }));
    return { type: 'multi_static_select', action_id: args.actionId, options };
  }
  return { type: 'button', action_id: args.actionId, text: text(args.actionId), value: args.value ?? '' };
}

export async function simulateBlockAction(
  deps: SimulatorDeps,
  args: BlockActionArgs,
): Promise<BlockActionResult> {
  const user = findUser(deps, args.userId);
  const source = findSource(deps, args);
  const located = findElement(source.blocks, args.actionId, args.blockId);
  const element = located?.element ?? syntheticElement(args);
  const blockId = args.blockId ?? String(located?.block.block_id ?? 'actions');
  const value: InputValue | undefined =
    args.selectedOptions ??
    (typeof args.selectedOption === 'object' ? args.selectedOption.value : args.selectedOption);
  const action = actionPayload(element, { actionId: args.actionId, blockId, actionTs: deps.ids.ts() }, value);
  // Selects keep their choice in state.values for later actions and the submission.
  const current = deps.selections.get(source.selectionKey) ?? {};
  if (located && value !== undefined && element.type !== 'button') {
    const { action_id: _a, block_id: _b, action_ts: _t, placeholder: _p, ...entry } = action;
    current[blockId] = { ...(current[blockId] ?? {}), [args.actionId]: entry };
    deps.selections.set(source.selectionKey, current);
  }
  const stateValues = buildStateValues(source.blocks, {}, current);
  const triggerId = deps.views.issueTrigger(user.id);
  const payload = blockActionsPayload(payloadContext(deps), {
    ...source.parts,
    user,
    action,
    triggerId,
    stateValues,
  });
  const result = await deps.deliver({ kind: 'block_actions', payload });
  return {
    ...result,
    triggerId,
    ...(source.parts.responseUrl ? { responseUrl: source.parts.responseUrl } : {}),
  };
}

import type { APIApplicationCommandOptionChoice, APIModalInteractionResponseCallbackData } from 'discord.js';
import { formError } from './form-errors.js';
import { apiErrors, type UploadedFile } from './http-io.js';
import { assertObject, FLAG_EPHEMERAL, FLAG_LOADING, readMessageInput } from './message-body.js';
import type { Services } from './services.js';
import type { MessageRecord } from './state.js';
import type { InteractionRecord } from './types.js';

/** Which callback types each interaction type accepts (Discord refuses the rest). */
const ALLOWED: Record<InteractionRecord['type'], readonly number[]> = {
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

const invalidType = () =>
  formError(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', 'Invalid interaction response type');

/** POST /interactions/:id/:token/callback: acknowledges the interaction and does what the type says. */
export function handleCallback(
  s: Services,
  record: InteractionRecord,
  body: unknown,
  files: readonly UploadedFile[],
  withResponse: boolean,
) {
  const { type, data } = assertObject(body, 'body') as { type?: number; data?: unknown };
  const allowed = ALLOWED[record.type].includes(type ?? 0);
  const updatesMessage = type === 6 || type === 7;
  if (!allowed || (updatesMessage && !record.messageId)) throw invalidType();

  let message: MessageRecord | undefined;
  if (type === 4 || type === 5) {
    const input = readMessageInput(data);
    const deferred = type === 5;
    message = s.messages.create({
      channelId: record.channelId,
      author: s.hub.state.botUser,
      // A deferral only says whether the reply will be ephemeral.
      input: deferred ? { flags: (input.flags ?? 0) & FLAG_EPHEMERAL } : input,
      files: deferred ? [] : files,
      type: record.type === 2 ? 20 : 0,
      webhookId: s.hub.state.applicationId,
      interaction: record,
      loading: deferred,
    });
  } else if (updatesMessage) {
    message = s.hub.state.messages.get(record.messageId ?? '');
    if (!message) throw apiErrors.unknownMessage();
    if (type === 7) s.messages.edit(message, readMessageInput(data), files);
  } else if (type === 8) {
    const choices = (assertObject(data ?? {}, 'data').choices ?? []) as APIApplicationCommandOptionChoice[];
    if (!Array.isArray(choices) || choices.length > 25) {
      throw formError(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    }
    record.autocompleteChoices = choices;
  } else if (type === 9) {
    const modal = assertObject(data, 'data') as unknown as APIModalInteractionResponseCallbackData;
    const count = Array.isArray(modal.components) ? modal.components.length : 0;
    if (typeof modal.custom_id !== 'string' || typeof modal.title !== 'string' || count < 1 || count > 5) {
      throw formError(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    }
    record.modal = modal;
  }

  s.interactions.acknowledge(record, type ?? 0);
  if (message) record.responseMessageId = message.data.id;
  s.interactions.changed(record);
  if (!withResponse) return { status: 204 };
  const flags = message?.data.flags ?? 0;
  return {
    status: 200,
    body: {
      interaction: {
        id: record.id,
        type: record.type,
        ...(message
          ? {
              response_message_id: message.data.id,
              response_message_loading: (flags & FLAG_LOADING) !== 0,
              response_message_ephemeral: (flags & FLAG_EPHEMERAL) !== 0,
            }
          : {}),
      },
      resource: { type, ...(message ? { message: s.messages.render(message) } : {}) },
    },
  };
}

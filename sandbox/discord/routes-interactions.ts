import { apiErrors } from './http-io.js';
import { handleCallback } from './interaction-callback.js';
import { FLAG_LOADING, readMessageInput } from './message-body.js';
import { defineRoute, type RouteDef } from './router.js';
import type { Services } from './services.js';
import type { MessageRecord } from './state.js';
import type { InteractionRecord } from './types.js';

const WEBHOOK = '/webhooks/:applicationId/:token';
const WEBHOOK_MESSAGE = `${WEBHOOK}/messages/:messageId`;

/** Interaction callbacks and the interaction webhook (original response and followups), authenticated by token. */
export function interactionRoutes(s: Services): RouteDef[] {
  const webhook = (p: Record<string, string>) =>
    s.interactions.forWebhook(p.applicationId ?? '', p.token ?? '');
  /** `@original` or one of the interaction's followups. */
  const webhookMessage = (record: InteractionRecord, messageId: string): MessageRecord => {
    const id = messageId === '@original' ? record.responseMessageId : messageId;
    const owned = id !== null && (id === record.responseMessageId || record.followupIds.includes(id));
    const message = owned ? s.hub.state.messages.get(id) : undefined;
    if (!message) throw apiErrors.unknownMessage();
    return message;
  };
  const ok = (body: unknown) => ({ status: 200, body });

  return [
    defineRoute(
      'POST',
      '/interactions/:interactionId/:token/callback',
      ({ params, body, files, query }) => {
        const record = s.interactions.forCallback(params.interactionId ?? '', params.token ?? '');
        return handleCallback(s, record, body, files, query.get('with_response') === 'true');
      },
      'token',
    ),
    defineRoute(
      'POST',
      WEBHOOK,
      ({ params, body, files, query }) => {
        const record = webhook(params);
        if (record.state !== 'acknowledged') throw apiErrors.unknownWebhook();
        const input = readMessageInput(body);
        const original = record.responseMessageId
          ? s.hub.state.messages.get(record.responseMessageId)
          : undefined;
        let message: MessageRecord;
        if (original && ((original.data.flags ?? 0) & FLAG_LOADING) !== 0) {
          // Discord turns the first followup after a deferral into the deferred message itself.
          message = s.messages.edit(original, input, files);
        } else {
          message = s.messages.create({
            channelId: record.channelId,
            author: s.hub.state.botUser,
            input,
            files,
            webhookId: s.hub.state.applicationId,
            interaction: record,
          });
          record.followupIds.push(message.data.id);
        }
        s.interactions.changed(record);
        return query.get('wait') === 'true' ? ok(s.messages.render(message)) : { status: 204 };
      },
      'token',
    ),
    defineRoute(
      'GET',
      WEBHOOK_MESSAGE,
      ({ params }) => ok(s.messages.render(webhookMessage(webhook(params), params.messageId ?? ''))),
      'token',
    ),
    defineRoute(
      'PATCH',
      WEBHOOK_MESSAGE,
      ({ params, body, files }) => {
        const record = webhook(params);
        const message = webhookMessage(record, params.messageId ?? '');
        // threads.mdx: messages in an archived thread cannot be edited (50083), whichever token asks; an
        // ephemeral answer is the asker's alone, not the thread's.
        if (!message.visibleTo) s.threads.archive.assertActive(message.data.channel_id);
        s.messages.edit(message, readMessageInput(body), files);
        s.interactions.changed(record);
        return ok(s.messages.render(message));
      },
      'token',
    ),
    defineRoute(
      'DELETE',
      WEBHOOK_MESSAGE,
      ({ params }) => {
        const record = webhook(params);
        s.messages.remove(webhookMessage(record, params.messageId ?? ''));
        return { status: 204 };
      },
      'token',
    ),
  ];
}

import { apiErrors } from './http-io.js';
import { readMessageInput } from './message-body.js';
import { parseEmoji } from './reactions.js';
import { defineRoute, type RouteDef } from './router.js';
import type { Services } from './services.js';

const MESSAGES = '/channels/:channelId/messages';
const MESSAGE = `${MESSAGES}/:messageId`;
const REACTION = `${MESSAGE}/reactions/:emoji`;

/** Channel messages, reactions and threads, as the bot calls them with its bot token. */
export function messageRoutes(s: Services): RouteDef[] {
  const bot = s.hub.state.botUser;
  const find = (p: Record<string, string>) => s.messages.find(p.channelId ?? '', p.messageId ?? '');
  const ok = (body: unknown) => ({ status: 200, body });
  // threads.mdx: in archived threads nobody edits messages or reacts; deleting messages still works.
  const active = (p: Record<string, string>) => s.threads.archive.assertActive(p.channelId ?? '');
  return [
    defineRoute('GET', MESSAGES, ({ params, query }) => ok(s.messages.list(params.channelId ?? '', query))),
    defineRoute('POST', MESSAGES, ({ params, body, files }) => {
      const input = readMessageInput(body);
      const record = s.messages.create({ channelId: params.channelId ?? '', author: bot, input, files });
      return ok(s.messages.render(record));
    }),
    defineRoute('GET', MESSAGE, ({ params }) => ok(s.messages.render(find(params)))),
    defineRoute('PATCH', MESSAGE, ({ params, body, files }) => {
      const record = find(params);
      active(params);
      if (record.data.author.id !== bot.id) throw apiErrors.cannotEditOthers();
      return ok(s.messages.render(s.messages.edit(record, readMessageInput(body), files)));
    }),
    defineRoute('DELETE', MESSAGE, ({ params }) => {
      s.messages.remove(find(params));
      return { status: 204 };
    }),
    defineRoute('GET', REACTION, ({ params }) =>
      ok(s.reactions.users(find(params), parseEmoji(params.emoji ?? ''))),
    ),
    defineRoute('PUT', `${REACTION}/@me`, ({ params }) => {
      active(params);
      s.reactions.add(find(params), bot.id, parseEmoji(params.emoji ?? ''));
      return { status: 204 };
    }),
    defineRoute('DELETE', `${REACTION}/@me`, ({ params }) => {
      active(params);
      s.reactions.remove(find(params), bot.id, parseEmoji(params.emoji ?? ''));
      return { status: 204 };
    }),
    defineRoute('DELETE', `${REACTION}/:userId`, ({ params }) => {
      active(params);
      s.reactions.remove(find(params), params.userId ?? '', parseEmoji(params.emoji ?? ''));
      return { status: 204 };
    }),
    defineRoute('POST', `${MESSAGE}/threads`, ({ params, body }) => ({
      status: 201,
      body: s.threads.fromMessage(params.channelId ?? '', params.messageId ?? '', body),
    })),
    defineRoute('PATCH', '/channels/:channelId', ({ params, body }) =>
      ok(s.threads.modify(params.channelId ?? '', body, bot.id)),
    ),
    defineRoute('POST', '/channels/:channelId/threads', ({ params, body }) => ({
      status: 201,
      body: s.threads.standalone(params.channelId ?? '', body),
    })),
  ];
}

import { apiErrors } from './http-io.js';
import { defineRoute, type RouteDef } from './router.js';
import type { Services } from './services.js';

/** Application command registration, global and per guild (bulk overwrite is what deploy scripts use). */
export function commandRoutes(s: Services): RouteDef[] {
  const { state } = s.hub;
  /** Resolves the scope and checks the application id (and guild) in the path. */
  const scope = (p: Record<string, string>): string | null => {
    if (p.applicationId !== state.applicationId) throw apiErrors.unknownApplication();
    if (p.guildId === undefined) return null;
    if (!state.guilds.has(p.guildId)) throw apiErrors.unknownGuild();
    return p.guildId;
  };
  const ok = (body: unknown) => ({ status: 200, body });
  return ['/applications/:applicationId', '/applications/:applicationId/guilds/:guildId'].flatMap((base) => {
    const list = `${base}/commands`;
    const one = `${list}/:commandId`;
    return [
      defineRoute('GET', list, ({ params }) => ok(s.commands.list(scope(params)))),
      defineRoute('PUT', list, ({ params, body }) => ok(s.commands.overwrite(scope(params), body))),
      defineRoute('POST', list, ({ params, body }) => {
        const { command, created } = s.commands.upsert(scope(params), body);
        return { status: created ? 201 : 200, body: command };
      }),
      defineRoute('GET', one, ({ params }) => ok(s.commands.get(scope(params), params.commandId ?? ''))),
      defineRoute('PATCH', one, ({ params, body }) =>
        ok(s.commands.edit(scope(params), params.commandId ?? '', body)),
      ),
      defineRoute('DELETE', one, ({ params }) => {
        s.commands.remove(scope(params), params.commandId ?? '');
        return { status: 204 };
      }),
    ];
  });
}

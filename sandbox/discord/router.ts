import type { UploadedFile } from './http-io.js';

/** `bot`: needs `Authorization: Bot <token>`; `token`: authenticated by the interaction token in the path. */
export type RouteAuth = 'bot' | 'token';

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
}

export interface RouteReply {
  status: number;
  body?: unknown;
}

export interface RouteDef {
  method: string;
  /** e.g. `/channels/:channelId/messages/:messageId`; literal segments win over parameters. */
  template: string;
  auth: RouteAuth;
  handle: (req: RouteRequest) => RouteReply;
}

export interface RouteMatch {
  route: RouteDef;
  params: Record<string, string>;
}

export const routeKey = (route: Pick<RouteDef, 'method' | 'template'>): string =>
  `${route.method} ${route.template}`;

export function defineRoute(
  method: string,
  template: string,
  handle: RouteDef['handle'],
  auth: RouteAuth = 'bot',
): RouteDef {
  return { method, template, auth, handle };
}

/** Splits and decodes a path (so `%40original` is `@original` and `%F0%9F%94%81` is 🔁). */
export function pathSegments(path: string): string[] | undefined {
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

export function matchRoute(
  routes: readonly RouteDef[],
  method: string,
  segments: string[],
): RouteMatch | undefined {
  let best: { match: RouteMatch; literals: number } | undefined;
  for (const route of routes) {
    if (route.method !== method) continue;
    const parts = route.template.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const ok = parts.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part.startsWith(':')) {
        params[part.slice(1)] = segment;
        return segment.length > 0;
      }
      literals += 1;
      return part === segment;
    });
    if (ok && (!best || literals > best.literals)) best = { match: { route, params }, literals };
  }
  return best?.match;
}

/** Discord's rate-limit "major parameter": limits are per channel, guild or webhook. */
export function majorParameter(params: Record<string, string>): string {
  if (params.token && params.applicationId) return `${params.applicationId}/${params.token}`;
  return params.channelId ?? params.guildId ?? 'global';
}

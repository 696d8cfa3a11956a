import { describe, expect, it } from 'vitest';
import { defineRoute, majorParameter, matchRoute, pathSegments } from '../../../../sandbox/discord/router.js';

describe('router', () => {
  const routes = [
    defineRoute('DELETE', '/channels/:channelId/messages/:messageId/reactions/:emoji/:userId', () => ({
      status: 1,
    })),
    defineRoute('DELETE', '/channels/:channelId/messages/:messageId/reactions/:emoji/@me', () => ({
      status: 2,
    })),
    defineRoute('PATCH', '/webhooks/:applicationId/:token/messages/:messageId', () => ({ status: 3 })),
  ];

  it('decodes segments: %40original and URL-encoded emoji', () => {
    const segments = pathSegments('/webhooks/1/tok/messages/%40original') ?? [];
    const match = matchRoute(routes, 'PATCH', segments);
    expect(match?.params.messageId).toBe('@original');
    expect(majorParameter(match?.params ?? {})).toBe('1/tok');
    expect(pathSegments('/x/%F0%9F%94%81')).toEqual(['x', '🔁']);
  });

  it('prefers a literal segment over a parameter', () => {
    const own = matchRoute(
      routes,
      'DELETE',
      pathSegments('/channels/1/messages/2/reactions/%F0%9F%94%81/@me') ?? [],
    );
    const other = matchRoute(routes, 'DELETE', pathSegments('/channels/1/messages/2/reactions/x/123') ?? []);
    expect(own?.route.handle({} as never).status).toBe(2);
    expect(own?.params.emoji).toBe('🔁');
    expect(other?.params.userId).toBe('123');
  });

  it('refuses malformed escapes instead of throwing', () => {
    expect(pathSegments('/channels/%E0%A4%A')).toBeUndefined();
  });
});

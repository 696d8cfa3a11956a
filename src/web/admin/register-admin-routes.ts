import type { IncomingMessage, ServerResponse } from 'node:http';
import { systemClock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { Clock } from '../../core/ports.js';
import type { DashboardSource } from '../../core/usage/usage-report.js';
import { html } from '../gallery/html.js';
import { sendJson } from '../http-io.js';
import type { WebServer } from '../server.js';
import { ADMIN_PATH, authenticate, presentsCredential } from './admin-auth.js';
import { ADMIN_HEADERS, sendAdminPage } from './admin-layout.js';
import { cacheReports } from './cached-source.js';
import { renderDashboardPage } from './dashboard-page.js';
import { type DashboardSelection, readSelection, toQuery } from './dashboard-query.js';
import { createSignInLimit, SIGN_IN_WINDOW_MS } from './sign-in-limit.js';
import { usageJson } from './usage-json.js';

export const USAGE_JSON_PATH = `${ADMIN_PATH}/usage.json`;
/** How long a report is reused. */
const CACHE_MS = 30_000;

export interface AdminRouteDeps {
  source: DashboardSource;
  /** config.admin.dashboardToken; undefined: the dashboard is off and its routes answer 404. */
  token: string | undefined;
  /** Where people reach the server: an https base marks the session cookie Secure. */
  publicBaseUrl: string;
  log: Logger;
  clock?: Pick<Clock, 'now'> | undefined;
}

/** GET /admin (the usage dashboard) and GET /admin/usage.json (the same numbers for scripts). */
export function registerAdminRoutes(web: WebServer, deps: AdminRouteDeps): void {
  const clock = deps.clock ?? systemClock;
  const secure = deps.publicBaseUrl.startsWith('https:');
  const source = cacheReports(deps.source, CACHE_MS, clock);
  const signIns = createSignInLimit(deps.log);
  // Closes windows nobody revisits, so a burst of failures is logged within a window of its end.
  const sweeper = setInterval(() => signIns.sweep(clock.now()), SIGN_IN_WINDOW_MS);
  sweeper.unref();
  web.server.once('close', () => clearInterval(sweeper));

  const off = (res: ServerResponse, json: boolean) =>
    json
      ? sendJson(
          res,
          404,
          { error: 'dashboard_off', message: 'Set DASHBOARD_TOKEN to turn the dashboard on.' },
          ADMIN_HEADERS,
        )
      : sendAdminPage(res, 404, {
          title: 'Dashboard off',
          body: html`<main class="empty"><h1>The usage dashboard is off</h1>
<p>Set <code>DASHBOARD_TOKEN</code> (at least 16 characters) in the bot’s environment and restart it to turn it on.</p></main>`,
        });
  // One answer for a missing, wrong, forged or expired credential: nothing about which it was.
  const denied = (res: ServerResponse, json: boolean) => {
    const headers = { 'www-authenticate': 'Bearer realm="atelier-admin"' };
    if (json) return sendJson(res, 401, { error: 'unauthorized' }, { ...ADMIN_HEADERS, ...headers });
    sendAdminPage(
      res,
      401,
      {
        title: 'Sign-in needed',
        body: html`<main class="empty"><h1>Sign-in needed</h1>
<p>Open this page with the dashboard token: <code>/admin?token=…</code> once in a browser, or an <code>Authorization: Bearer …</code> header from scripts.</p></main>`,
      },
      headers,
    );
  };

  const tooMany = (res: ServerResponse, json: boolean, seconds: number) => {
    const headers = { 'retry-after': String(seconds) };
    if (json)
      return sendJson(
        res,
        429,
        { error: 'too_many_attempts', retryAfter: seconds },
        { ...ADMIN_HEADERS, ...headers },
      );
    sendAdminPage(
      res,
      429,
      {
        title: 'Too many attempts',
        body: html`<main class="empty"><h1>Too many sign-in attempts</h1>
<p>Try again in ${String(seconds)} seconds.</p></main>`,
      },
      headers,
    );
  };

  const guarded =
    (
      json: boolean,
      serve: (res: ServerResponse, selection: DashboardSelection, now: number) => Promise<void>,
    ) =>
    async (req: IncomingMessage, res: ServerResponse, url: URL) => {
      if (deps.token === undefined) return off(res, json);
      const now = clock.now();
      // The socket's address: X-Forwarded-For is whatever the client wants it to be.
      const address = req.socket.remoteAddress ?? 'unknown';
      const wait = signIns.lockedFor(address, now);
      if (wait !== undefined) return tooMany(res, json, wait);
      const auth = authenticate(req, url, { token: deps.token, now, secure });
      if (auth.kind === 'denied') {
        // Logged per address and window by the limit, with the count, not once per attempt.
        if (presentsCredential(req, url)) signIns.failed(address, now);
        return denied(res, json);
      }
      if (auth.kind === 'login') {
        // The token leaves the address bar (and the history) at once; the cookie carries the session.
        res.writeHead(303, { ...ADMIN_HEADERS, location: auth.location, 'set-cookie': auth.cookie }).end();
        return;
      }
      await serve(res, readSelection(url.searchParams), now);
    };

  web.route(
    'GET',
    ADMIN_PATH,
    guarded(false, async (res, selection, now) => {
      const report = await source.report(toQuery(selection, now));
      sendAdminPage(res, 200, {
        title: 'Usage',
        body: renderDashboardPage(selection, report, now),
        script: true,
      });
    }),
  );
  web.route(
    'GET',
    USAGE_JSON_PATH,
    guarded(true, async (res, selection, now) => {
      const report = await source.report(toQuery(selection, now));
      sendJson(res, 200, usageJson(selection, report, now), ADMIN_HEADERS);
    }),
  );
}

import { sendJson, sendText } from './http-io.js';
import type { ReadinessReport } from './readiness.js';
import type { WebServer } from './server.js';

export interface OpsRouteDeps {
  /** The shared, briefly cached readiness run (createReadiness). */
  readiness: () => Promise<ReadinessReport>;
  /** Prometheus exposition text and its content type. */
  metrics: () => Promise<{ contentType: string; text: string }>;
}

/**
 * The ops listener's routes: /readyz with every check's result, /metrics (workspace ids and their spend,
 * among the rest) and /healthz. It listens on OPS_HOST:OPS_PORT, loopback by default: nothing here is for
 * the internet. The public port keeps only a /healthz that does no I/O.
 */
export function registerOpsRoutes(ops: WebServer, deps: OpsRouteDeps): void {
  ops.route('GET', '/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  ops.route('GET', '/readyz', async (_req, res) => {
    const { ok, checks } = await deps.readiness();
    sendJson(
      res,
      ok ? 200 : 503,
      { status: ok ? 'ready' : 'not ready', checks },
      { 'cache-control': 'no-store' },
    );
  });
  ops.route('GET', '/metrics', async (_req, res) => {
    const { contentType, text } = await deps.metrics();
    sendText(res, 200, text, { 'content-type': contentType });
  });
}

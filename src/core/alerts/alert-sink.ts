import type { Logger } from '../logger.js';
import type { AlertCondition, AlertSink } from './alert-types.js';

export interface AlertSinkDeps {
  log: Logger;
  /** Posts to the ops channel; undefined when no channel is configured (alerts are only logged). */
  post?: ((text: string) => Promise<void>) | undefined;
  /** Counts alerts (atelier_alerts_total). */
  count?: ((condition: AlertCondition) => void) | undefined;
}

/** Every alert is logged (warn) and counted; posting is best effort: a failure is logged, never thrown. */
export function createAlertSink(deps: AlertSinkDeps): AlertSink {
  return async (alert) => {
    deps.log.warn(
      { alert: alert.condition, key: alert.key, ...alert.details, text: alert.text },
      'operator alert',
    );
    try {
      deps.count?.(alert.condition);
    } catch (error) {
      deps.log.debug({ err: error }, 'alert metric failed');
    }
    if (!deps.post) return;
    try {
      await deps.post(alert.text);
    } catch (error) {
      deps.log.warn({ err: error, key: alert.key }, 'could not post the alert to the ops channel');
    }
  };
}

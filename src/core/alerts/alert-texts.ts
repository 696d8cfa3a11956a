import { formatReset, formatUsd } from '../policy/windows.js';
import type { Platform } from '../types.js';

const PLACES: Record<Platform, string> = {
  discord: 'Discord server',
  slack: 'Slack workspace',
  cli: 'CLI workspace',
  web: 'web workspace',
};

const minutes = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`);
const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;

export function errorRateText(input: {
  failed: number;
  finished: number;
  windowMs: number;
  threshold: number;
  byClass: Record<string, number>;
}): string {
  const classes = Object.entries(input.byClass)
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  return (
    `⚠️ Error rate: ${input.failed} of ${input.finished} images failed in the last ${minutes(input.windowMs)} ` +
    `(${percent(input.failed / input.finished)}; alert at ${percent(input.threshold)}). By class: ${classes}. ` +
    'Check fal (status page, FAL_KEY, credit) and the bot logs by the reference ids users were shown; /readyz shows the model circuits.'
  );
}

export function rateLimitedText(input: { count: number; windowMs: number; models: string[] }): string {
  return (
    `⚠️ fal is rate limiting Atelier: ${input.count} answers of HTTP 429 in the last ${minutes(input.windowMs)} ` +
    `(${input.models.join(', ')}). Jobs wait and retry, so images are slower. If it lasts, lower PROVIDER_CONCURRENCY ` +
    "or raise the fal account's concurrency (fal allows more concurrent requests with credit)."
  );
}

export function circuitOpenText(model: string): string {
  return (
    `🔴 Circuit open for ${model}: too many of its requests failed, so Atelier stopped sending to it for now ` +
    '(it tries one request again after a pause). Jobs go to FAL_FALLBACK_MODELS meanwhile, or fail when there are none. ' +
    "Check fal's status page and the bot logs for the HTTP errors."
  );
}

export function circuitClosedText(model: string): string {
  return `🟢 Circuit closed for ${model}: it answers again and jobs go to it as usual. No action needed.`;
}

export function budgetText(input: {
  platform: Platform;
  workspaceId: string;
  period: 'daily' | 'monthly';
  spentMicros: number;
  limitMicros: number;
  threshold: number;
  resetsAt: number;
  now: number;
}): string {
  const where = `${PLACES[input.platform]} ${input.workspaceId}`;
  const used = input.spentMicros / input.limitMicros;
  const consequence =
    used >= 1
      ? `New images there are refused until ${formatReset(input.resetsAt, input.now)}.`
      : `At 100 % new images there are refused until ${formatReset(input.resetsAt, input.now)}.`;
  const env = input.period === 'daily' ? 'BUDGET_WORKSPACE_DAILY_USD' : 'BUDGET_WORKSPACE_MONTHLY_USD';
  return (
    `💸 Budget: ${where} has spent ${formatUsd(input.spentMicros)} of its ${formatUsd(input.limitMicros)} ${input.period} budget ` +
    `(${percent(used)}; alert at ${percent(input.threshold)}). ${consequence} ` +
    `To allow more, an admin there can run /atelier budget ${input.period} <dollars> (default for everyone: ${env}).`
  );
}

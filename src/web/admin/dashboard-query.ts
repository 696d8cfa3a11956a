import type { Platform } from '../../core/types.js';
import {
  DASHBOARD_RANGES,
  type DashboardQuery,
  type DashboardRange,
  type WorkspaceRef,
} from '../../core/usage/usage-report.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PLATFORMS: readonly Platform[] = ['discord', 'slack', 'cli', 'web'];
const MAX_PARAM_LENGTH = 200;

export const DEFAULT_RANGE: DashboardRange = '7d';

const WINDOWS: Record<DashboardRange, { bucketMs: number; buckets: number; label: string }> = {
  '24h': { bucketMs: HOUR, buckets: 24, label: 'Last 24 hours, hourly' },
  '7d': { bucketMs: DAY, buckets: 7, label: 'Last 7 days, daily' },
  '30d': { bucketMs: DAY, buckets: 30, label: 'Last 30 days, daily' },
};

/** What the page's filter form asks for, parsed leniently: anything unknown falls back to "all". */
export interface DashboardSelection {
  range: DashboardRange;
  workspace: WorkspaceRef | undefined;
  model: string | undefined;
}

export function readSelection(params: URLSearchParams): DashboardSelection {
  const range = params.get('range');
  const model = params.get('model')?.trim();
  return {
    range: (DASHBOARD_RANGES as readonly string[]).includes(range ?? '')
      ? (range as DashboardRange)
      : DEFAULT_RANGE,
    workspace: parseWorkspace(params.get('ws')),
    model: model && model.length <= MAX_PARAM_LENGTH ? model : undefined,
  };
}

/** `platform:workspaceId`, the workspace select's value. */
export const workspaceValue = (w: WorkspaceRef): string => `${w.platform}:${w.workspaceId}`;

export function parseWorkspace(value: string | null | undefined): WorkspaceRef | undefined {
  if (!value || value.length > MAX_PARAM_LENGTH) return undefined;
  const colon = value.indexOf(':');
  const platform = value.slice(0, colon) as Platform;
  const workspaceId = value.slice(colon + 1);
  if (colon < 1 || !workspaceId || !PLATFORMS.includes(platform)) return undefined;
  return { platform, workspaceId };
}

/** The window ending with the bucket that holds `now` (UTC hours or days), in whole buckets. */
export function toQuery(selection: DashboardSelection, now: number): DashboardQuery {
  const { bucketMs, buckets } = WINDOWS[selection.range];
  const to = Math.floor(now / bucketMs) * bucketMs + bucketMs;
  return {
    from: to - buckets * bucketMs,
    to,
    bucketMs,
    ...(selection.workspace ? { workspace: selection.workspace } : {}),
    ...(selection.model === undefined ? {} : { model: selection.model }),
  };
}

export const rangeLabel = (range: DashboardRange): string => WINDOWS[range].label;

/** The query string of a selection (defaults left out), for links and the JSON twin. */
export function selectionParams(selection: DashboardSelection): URLSearchParams {
  const params = new URLSearchParams();
  if (selection.range !== DEFAULT_RANGE) params.set('range', selection.range);
  if (selection.workspace) params.set('ws', workspaceValue(selection.workspace));
  if (selection.model !== undefined) params.set('model', selection.model);
  return params;
}

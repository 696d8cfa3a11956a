/** Parsing helpers for settings whose values are lists or need checking beyond zod's basics. */
import type { AlertsConfig } from './config-types.js';

/** Comma-separated list, trimmed, empty entries dropped. */
export function commaList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** MODERATION_BLOCKLIST: comma-separated, but a /regex/ may contain commas, so split outside slashes. */
export function blocklistEntries(value: string): string[] {
  return (value.match(/\s*\/(?:\\.|[^/\\])+\/[a-z]*|[^,]+/g) ?? []).map((s) => s.trim()).filter(Boolean);
}

/** Why a blocklist entry cannot be used, or undefined when it can. */
export function blocklistEntryProblem(entry: string): string | undefined {
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(entry);
  if (!regex) return undefined;
  try {
    new RegExp(regex[1] ?? '', regex[2]);
    return undefined;
  } catch (error) {
    return `${entry} is not a valid regular expression (${(error as Error).message})`;
  }
}

export function parseAlertChannel(value: string): NonNullable<AlertsConfig['channel']> {
  const [platform, channelId] = value.split(':') as ['discord' | 'slack', string];
  return { platform, channelId };
}

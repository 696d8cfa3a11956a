import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { problemsOf } from '../helpers/config-problems.js';

describe('operations settings', () => {
  it('defaults to no blocklist, NSFW never posted, no dashboard and alerts only logged', () => {
    const config = parseConfig({});
    expect(config.moderation).toEqual({ blocklist: [], blocklistFile: undefined, nsfw: 'never' });
    expect(config.admin).toEqual({ slackAdminUserIds: [], dashboardToken: undefined });
    expect(config.alerts).toEqual({
      channel: undefined,
      windowMs: 30 * 60_000,
      errorRate: 0.25,
      budgetThresholds: [0.8, 1],
    });
  });

  it('splits the blocklist on commas but keeps a regular expression with commas whole', () => {
    const config = parseConfig({ MODERATION_BLOCKLIST: ' gore, bad words ,/x{2,3}y/i,  /a,b/ ,last' });
    expect(config.moderation.blocklist).toEqual(['gore', 'bad words', '/x{2,3}y/i', '/a,b/', 'last']);
  });

  it('names a blocklist regular expression that does not compile and a missing blocklist file', () => {
    const problems = problemsOf({
      MODERATION_BLOCKLIST: 'ok,/(unclosed/',
      MODERATION_BLOCKLIST_FILE: '/no/such/file',
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^MODERATION_BLOCKLIST: \/\(unclosed\/ is not a valid regular expression/);
    expect(problems[1]).toMatch(/^MODERATION_BLOCKLIST_FILE: no file at \/no\/such\/file/);
  });

  it('accepts an existing blocklist file and resolves its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-config-'));
    const file = join(dir, 'blocklist.txt');
    writeFileSync(file, 'word\n');
    expect(parseConfig({ MODERATION_BLOCKLIST_FILE: file }).moderation.blocklistFile).toBe(file);
  });

  it('parses alert channels, windows and thresholds', () => {
    const config = parseConfig({
      ALERT_CHANNEL: 'slack:C0123ABCD',
      ALERT_WINDOW_MINUTES: '5',
      ALERT_ERROR_RATE_PERCENT: '10',
      ALERT_BUDGET_PERCENT: '100, 50,80,50',
      SLACK_ADMIN_USER_IDS: 'U012ABCDEF, W0987ZYX',
      DASHBOARD_TOKEN: 'a'.repeat(16),
      NSFW_POLICY: 'nsfw-channels',
    });
    expect(config.alerts).toEqual({
      channel: { platform: 'slack', channelId: 'C0123ABCD' },
      windowMs: 5 * 60_000,
      errorRate: 0.1,
      budgetThresholds: [0.5, 0.8, 1],
    });
    expect(config.admin).toEqual({
      slackAdminUserIds: ['U012ABCDEF', 'W0987ZYX'],
      dashboardToken: 'a'.repeat(16),
    });
    expect(config.moderation.nsfw).toBe('nsfw-channels');
    expect(parseConfig({ ALERT_CHANNEL: 'discord:123456789012345678' }).alerts.channel).toEqual({
      platform: 'discord',
      channelId: '123456789012345678',
    });
  });

  it('refuses malformed operations settings, naming each', () => {
    const problems = problemsOf({
      NSFW_POLICY: 'sometimes',
      SLACK_ADMIN_USER_IDS: 'alice',
      DASHBOARD_TOKEN: 'short',
      ALERT_CHANNEL: 'teams:abc',
      ALERT_WINDOW_MINUTES: '0',
      ALERT_BUDGET_PERCENT: '80,150',
    });
    const names = problems.map((p) => p.split(':')[0]);
    expect(names.sort()).toEqual(
      [
        'ALERT_BUDGET_PERCENT',
        'ALERT_CHANNEL',
        'ALERT_WINDOW_MINUTES',
        'DASHBOARD_TOKEN',
        'NSFW_POLICY',
        'SLACK_ADMIN_USER_IDS',
      ].sort(),
    );
  });
});

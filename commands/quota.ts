import { BANNED_MESSAGE, PAUSED_MESSAGE } from '../src/core/policy/create-policy.js';
import type { QuotaLine, QuotaStatus } from '../src/core/policy/policy-types.js';
import { formatReset, formatUsd } from '../src/core/policy/windows.js';
import { defineCommand } from './define.js';
import { chatOptions } from './options.js';

/** What the caller has left this hour and day, and the workspace's remaining budget; only they see it. */
export const quotaCommand = defineCommand({
  name: 'quota',
  description: 'See how many images you have left and when your limits reset',
  ephemeral: true,
  options: chatOptions({}),
  async handle(_input, ctx) {
    const status = await ctx.service.quota(ctx.requester);
    return { type: 'text', text: renderQuota(status) };
  },
});

/** Plain text both platforms show as is. */
export function renderQuota(status: QuotaStatus | undefined): string {
  const now = status?.at ?? 0;
  const lines: string[] = [];
  const count = (label: string, line: QuotaLine | undefined) => {
    if (!line) return;
    const left = Math.max(0, line.limit - line.used);
    lines.push(`${label}: ${left} of ${line.limit} images left (resets ${formatReset(line.resetsAt, now)})`);
  };
  const budget = (label: string, line: QuotaLine | undefined) => {
    if (!line) return;
    const left = Math.max(0, line.limit - line.used);
    lines.push(
      `${label}: ${formatUsd(left)} of ${formatUsd(line.limit)} left (resets ${formatReset(line.resetsAt, now)})`,
    );
  };
  count('This hour', status?.userHourly);
  count('Today', status?.userDaily);
  count('This workspace today', status?.workspaceDaily);
  if (status?.userInFlight)
    lines.push(`In progress: ${status.userInFlight.used} (at most ${status.userInFlight.limit} at once)`);
  budget('Workspace budget today', status?.budgetDaily);
  budget('Workspace budget this month', status?.budgetMonthly);
  // An admin's switch outranks every allowance, so it comes first.
  const switches = [...(status?.banned ? [BANNED_MESSAGE] : []), ...(status?.paused ? [PAUSED_MESSAGE] : [])];
  if (lines.length === 0)
    return [...switches, ...(switches.length ? [] : ['There are no limits on your images here.'])].join('\n');
  return [...switches, 'Your image allowance:', ...lines].join('\n');
}

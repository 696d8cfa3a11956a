import type { AdminService } from '../src/core/admin/admin-service.js';
import { UserError } from '../src/core/errors.js';
import { atelierOptions, BUDGET_PERIODS, QUOTA_LIMITS } from './atelier-options.js';
import { renderChange, renderLimits, renderStats, renderUsage } from './atelier-text.js';
import { type CommandContext, defineCommand } from './define.js';

/**
 * Workspace administration: stats, usage, quotas and budgets, pause/resume, bans and purges. Admins only
 * (Discord: Manage Server; Slack: SLACK_ADMIN_USER_IDS); every reply is private to the admin.
 */
export const atelierCommand = defineCommand({
  name: 'atelier',
  description: 'Admin: stats, usage, quotas, budgets, pause, bans and purges for this server',
  ephemeral: true,
  adminOnly: true,
  options: atelierOptions,
  async handle(input, ctx) {
    const admin = adminOf(ctx);
    const actor = ctx.requester;
    const text = (value: string) => ({ type: 'text' as const, text: value });
    switch (input.subcommand) {
      case 'stats':
        return text(renderStats(await admin.stats(actor)));
      case 'usage':
        return text(renderUsage(await admin.usage(actor, input.period)));
      case 'limits':
        return text(renderLimits(await admin.limits(actor)));
      case 'quota':
        return text(renderChange(await admin.setLimit(actor, QUOTA_LIMITS[input.limit], input.value)));
      case 'budget':
        return text(renderChange(await admin.setLimit(actor, BUDGET_PERIODS[input.period], input.micros)));
      case 'pause':
        return text(
          (await admin.setPaused(actor, true))
            ? 'Image generation is paused here. Nobody can start new images until /atelier resume (running ones finish).'
            : 'Image generation was already paused here.',
        );
      case 'resume':
        return text(
          (await admin.setPaused(actor, false))
            ? 'Image generation is on again here.'
            : 'Image generation was not paused here.',
        );
      case 'ban': {
        const previous = await admin.ban(actor, input.user, input.reason);
        const why = input.reason ? ` Reason: ${input.reason}` : '';
        return text(
          previous
            ? `<@${input.user}> was already banned; the reason is updated.${why}`
            : `<@${input.user}> can no longer make images here.${why}`,
        );
      }
      case 'unban':
        return text(
          (await admin.unban(actor, input.user))
            ? `<@${input.user}> can make images here again.`
            : `<@${input.user}> was not banned here.`,
        );
      case 'purge': {
        if (!ctx.deletion)
          throw new UserError('unavailable', 'Deleting images is not available in this bot.');
        const target = { platform: actor.platform, workspaceId: actor.workspaceId, userId: input.user };
        const result = await ctx.deletion.purgeUser(target, actor);
        const failed =
          result.failed > 0 ? ` ${result.failed} could not be removed yet; run it again later.` : '';
        return text(
          `Deleted ${result.deleted} image${result.deleted === 1 ? '' : 's'} by <@${input.user}>.${failed}`,
        );
      }
    }
  },
});

function adminOf(ctx: CommandContext): AdminService {
  // The adapters refuse non-admins before this runs; the core checks again on every call.
  if (!ctx.requester.admin) throw new UserError('forbidden', 'Only admins of this server can use /atelier.');
  if (!ctx.admin) throw new UserError('unavailable', 'Admin commands are not available in this bot.');
  return ctx.admin;
}

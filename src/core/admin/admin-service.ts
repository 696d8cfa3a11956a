import { type AuditRecorder, createAuditRecorder } from '../audit/audit-recorder.js';
import type { AuditAction, AuditRepository } from '../audit/audit-types.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { LimitOverrides, Limits, LimitsRepository, UsageRepository } from '../policy/policy-types.js';
import type { Clock, ImageProvider, JobScheduler } from '../ports.js';
import type { Requester } from '../types.js';
import { createAdminReports } from './admin-reports.js';
import type { Ban, BanRepository, OutcomeReader, PauseRepository, WorkspaceRef } from './admin-types.js';

export interface AdminServiceDeps {
  limits: LimitsRepository & PauseRepository;
  bans: BanRepository;
  usage: UsageRepository & OutcomeReader;
  /** The configured limits every workspace starts from (what 'default' goes back to). */
  defaults: Limits;
  scheduler: Pick<JobScheduler, 'counts'>;
  provider: Pick<ImageProvider, 'health'>;
  clock: Clock;
  log: Logger;
  audit?: AuditRepository | undefined;
}

/** A workspace's limits: what applies, what the admins set, and what the configuration says. */
export interface LimitsView {
  effective: Limits;
  overrides: LimitOverrides;
  defaults: Limits;
  paused: boolean;
}

export interface LimitChange {
  key: keyof Limits;
  /** Effective values before and after (0 = no limit). */
  old: number;
  new: number;
  /** True when the workspace now follows the configured default again. */
  isDefault: boolean;
}

export type AdminService = ReturnType<typeof createAdminService>;

/**
 * What `/atelier` does: the workspace's settings, bans and pause switch, stats and usage. Every call
 * acts on the actor's own workspace and only for admins (the adapters check too); every change is
 * audited with who, where, and the old and new value.
 */
export function createAdminService(deps: AdminServiceDeps) {
  const audit: AuditRecorder = createAuditRecorder(deps.audit, deps.log);
  const reports = createAdminReports(deps);

  const workspaceOf = (actor: Requester): WorkspaceRef => {
    if (!actor.admin)
      throw new UserError('forbidden', 'Only admins of this workspace can change its image settings.');
    return { platform: actor.platform, workspaceId: actor.workspaceId };
  };

  const record = (actor: Requester, action: AuditAction, details: Record<string, unknown>) =>
    audit({
      platform: actor.platform,
      workspaceId: actor.workspaceId,
      channelId: actor.channelId,
      userId: actor.userId,
      action,
      targetId: null,
      details,
      source: 'admin',
    });

  async function limits(actor: Requester): Promise<LimitsView> {
    const scope = workspaceOf(actor);
    const [overrides, paused] = await Promise.all([
      deps.limits.get(scope.platform, scope.workspaceId),
      deps.limits.isPaused(scope),
    ]);
    const effective = { ...deps.defaults };
    for (const key of Object.keys(effective) as (keyof Limits)[]) {
      const value = overrides?.[key];
      if (typeof value === 'number') effective[key] = value;
    }
    return { effective, overrides: overrides ?? {}, defaults: deps.defaults, paused };
  }

  return {
    stats: async (actor: Requester) => reports.stats(workspaceOf(actor)),
    usage: async (actor: Requester, period: 'today' | 'month') => reports.usage(workspaceOf(actor), period),
    limits,

    /** Sets one limit (0 = no limit), or with `null` goes back to the configured default. */
    async setLimit(actor: Requester, key: keyof Limits, value: number | null): Promise<LimitChange> {
      if (value !== null && (!Number.isSafeInteger(value) || value < 0))
        throw new UserError('invalid_input', 'A limit is a whole number, 0 or more (0 means no limit).');
      const before = await limits(actor);
      await deps.limits.set(actor.platform, actor.workspaceId, { [key]: value }, actor.userId);
      const change: LimitChange = {
        key,
        old: before.effective[key],
        new: value ?? deps.defaults[key],
        isDefault: value === null,
      };
      await record(actor, 'settings', {
        setting: key,
        old: change.old,
        new: change.new,
        oldOverride: before.overrides[key] ?? null,
        newOverride: value,
      });
      return change;
    },

    /** Pauses (true) or resumes (false) generation in the workspace; false when it already was so. */
    async setPaused(actor: Requester, paused: boolean): Promise<boolean> {
      const scope = workspaceOf(actor);
      const was = await deps.limits.isPaused(scope);
      if (was === paused) return false;
      await deps.limits.setPaused(scope, paused, actor.userId);
      await record(actor, paused ? 'pause' : 'resume', { old: was, new: paused });
      return true;
    },

    /** Bans a user in the workspace; returns the ban it replaced (a new reason), if any. */
    async ban(actor: Requester, userId: string, reason: string): Promise<Ban | undefined> {
      const scope = workspaceOf(actor);
      if (userId === actor.userId) throw new UserError('invalid_input', 'You cannot ban yourself.');
      const previous = await deps.bans.ban({ ...scope, userId, reason, bannedBy: actor.userId });
      await record(actor, 'ban', {
        user: userId,
        old: previous ? { reason: previous.reason, bannedBy: previous.bannedBy } : null,
        new: { reason },
      });
      return previous;
    },

    /** Lifts a ban; returns it, or undefined (nothing audited) when the user was not banned. */
    async unban(actor: Requester, userId: string): Promise<Ban | undefined> {
      const lifted = await deps.bans.unban(workspaceOf(actor), userId);
      if (lifted)
        await record(actor, 'unban', {
          user: userId,
          old: { reason: lifted.reason, bannedBy: lifted.bannedBy },
          new: null,
        });
      return lifted;
    },

    bans: async (actor: Requester) => deps.bans.list(workspaceOf(actor)),
  };
}

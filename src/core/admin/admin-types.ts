import type { ErrorClass } from '../errors.js';
import type { Platform } from '../types.js';

/** One workspace of one platform: what every admin setting is scoped to. */
export interface WorkspaceRef {
  platform: Platform;
  workspaceId: string;
}

/** A user an admin turned image generation off for, in one workspace. */
export interface Ban extends WorkspaceRef {
  userId: string;
  reason: string;
  /** Platform user id of the admin. */
  bannedBy: string;
  /** Epoch ms. */
  createdAt: number;
}

export interface BanRepository {
  get(scope: WorkspaceRef, userId: string): Promise<Ban | undefined>;
  /** Bans, or replaces the reason of an existing ban; returns the ban it replaced, if any. */
  ban(ban: Omit<Ban, 'createdAt'>): Promise<Ban | undefined>;
  /** Lifts a ban; returns the lifted ban, or undefined when there was none. */
  unban(scope: WorkspaceRef, userId: string): Promise<Ban | undefined>;
  /** Newest first. */
  list(scope: WorkspaceRef): Promise<Ban[]>;
}

/** The pause switch of a workspace (quota_settings.paused). */
export interface PauseRepository {
  isPaused(scope: WorkspaceRef): Promise<boolean>;
  setPaused(scope: WorkspaceRef, paused: boolean, updatedBy: string): Promise<void>;
}

/** Jobs of a workspace in a window by final state and failure class (null while running or when done). */
export interface OutcomeRow {
  status: string;
  errorClass: ErrorClass | null;
  jobs: number;
  costMicros: number;
}

export interface OutcomeReader {
  /** Every job of the workspace created in [since, until), failed ones included, grouped by outcome. */
  outcomes(scope: WorkspaceRef, since: number, until: number): Promise<OutcomeRow[]>;
}

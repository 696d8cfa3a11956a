import type { Platform } from '../types.js';

/** What happened. */
export type AuditAction =
  | 'generate'
  | 'reroll'
  | 'sequence'
  | 'refused'
  | 'delete'
  | 'purge'
  | 'settings'
  | 'ban'
  | 'unban'
  | 'pause'
  | 'resume'
  /** A moderation decision: text refused by the blocklist, an image withheld or allowed by NSFW policy. */
  | 'moderation';

export interface AuditEntry {
  id: string;
  /** Epoch ms. */
  at: number;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  userId: string;
  action: AuditAction;
  /** The generation acted on (the new one for generate/reroll, the first frame for a sequence). */
  targetId: string | null;
  details: Record<string, unknown>;
  /** Which part of Atelier recorded it (e.g. "generation", "cli"). */
  source: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'> & { at?: number };

export interface AuditQuery {
  userId?: string;
  action?: AuditAction;
  platform?: Platform;
  workspaceId?: string;
  /** Epoch ms, inclusive. */
  since?: number;
  limit: number;
}

export interface AuditRepository {
  record(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. */
  query(query: AuditQuery): Promise<AuditEntry[]>;
}

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'generate',
  'reroll',
  'sequence',
  'refused',
  'delete',
  'purge',
  'settings',
  'ban',
  'unban',
  'pause',
  'resume',
  'moderation',
];

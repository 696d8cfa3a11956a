import type { Clock } from '../../core/ports.js';
import { createAuditRepository } from './audit-repository.js';
import { createBanRepository } from './ban-repository.js';
import type { Db } from './database.js';
import { createGenerationRepository } from './generation-repository.js';
import { createImageSharers } from './image-sharers.js';
import { DEFAULT_LEASE_TTL_MS } from './job-leases.js';
import { createPromptCacheRepository } from './prompt-cache-repository.js';
import { createQuotaSettingsRepository } from './quota-settings-repository.js';
import { createUsageRepository } from './usage-repository.js';

/**
 * The repositories the core's services are built on, over one database. `owner` names this process
 * among processes sharing the database (job leases).
 */
export function createRepositories(db: Db, clock: Clock, owner: string) {
  return {
    generations: createGenerationRepository(db, clock, { lease: { owner, ttlMs: DEFAULT_LEASE_TTL_MS } }),
    prompts: createPromptCacheRepository(db, clock),
    usage: createUsageRepository(db),
    limits: createQuotaSettingsRepository(db, clock),
    audit: createAuditRepository(db, clock),
    bans: createBanRepository(db, clock),
    /** How many records share an image (a deleted result keeps a file another record still shows). */
    sharers: createImageSharers(db),
  };
}

import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditRepository, NewAuditEntry } from '../../../../src/core/audit/audit-types.js';
import { UserError } from '../../../../src/core/errors.js';
import { createModerator } from '../../../../src/core/moderation/create-moderator.js';
import type { ModerationDecision } from '../../../../src/core/moderation/moderation-types.js';
import type { Generation, Requester } from '../../../../src/core/types.js';

const log = pino({ level: 'silent' });
const ada: Requester = { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'ada' };

/** An in-memory audit log (the port), so the test sees exactly what was recorded. */
function memoryAudit(): AuditRepository & { entries: NewAuditEntry[] } {
  const entries: NewAuditEntry[] = [];
  return {
    entries,
    async record(entry) {
      entries.push(entry);
      return { ...entry, id: String(entries.length), at: 0 } as AuditEntry;
    },
    async query() {
      return [];
    },
  };
}

describe('moderator: text', () => {
  it('refuses blocked text with a message naming it, audits and reports the decision', async () => {
    const audit = memoryAudit();
    const moderator = createModerator({ blocklist: ['casino'], nsfw: 'never', audit, log });
    const seen: ModerationDecision[] = [];
    moderator.onDecision((d) => seen.push(d));
    const attempt = moderator.checkText(ada, 'a CASINO sign', { action: 'generate', model: 'm1' });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toMatchObject({
      code: 'text_blocked',
      message: 'Your text contains "casino", which this server does not allow. Remove it and try again.',
      details: { field: 'extra' },
    });
    expect(audit.entries).toEqual([
      expect.objectContaining({
        action: 'moderation',
        userId: 'ada',
        channelId: 'c1',
        targetId: null,
        details: {
          decision: 'text_refused',
          entry: 'casino',
          found: 'casino',
          field: 'extra',
          for: 'generate',
          model: 'm1',
        },
      }),
    ]);
    expect(seen.map((d) => [d.decision, d.platform])).toEqual([['text_refused', 'discord']]);
  });

  it('lets clean text through without recording anything', async () => {
    const audit = memoryAudit();
    const moderator = createModerator({ blocklist: ['casino'], nsfw: 'never', audit, log });
    await moderator.checkText(ada, 'a lighthouse', { action: 'reroll', model: 'm1' });
    await moderator.checkText(ada, '', { action: 'reroll', model: 'm1' });
    expect(audit.entries).toEqual([]);
  });

  it('still refuses when the audit log cannot be written', async () => {
    const audit: AuditRepository = {
      record: () => Promise.reject(new Error('disk full')),
      query: async () => [],
    };
    const moderator = createModerator({ blocklist: ['casino'], nsfw: 'never', audit, log });
    await expect(
      moderator.checkText(ada, 'casino', { action: 'sequence', model: 'm1' }),
    ).rejects.toMatchObject({ code: 'text_blocked' });
  });
});

describe('moderator: NSFW policy', () => {
  it('allows flagged images only in NSFW channels, and only under nsfw-channels', () => {
    const open = createModerator({ blocklist: [], nsfw: 'nsfw-channels', log });
    const closed = createModerator({ blocklist: [], nsfw: 'never', log });
    expect(open.nsfwAllowed({ ...ada, nsfwChannel: true })).toBe(true);
    expect(open.nsfwAllowed(ada)).toBe(false);
    expect(closed.nsfwAllowed({ ...ada, nsfwChannel: true })).toBe(false);
    expect(open.nsfwAllowed({ ...ada, platform: 'slack' })).toBe(false);
  });

  it('records a withheld and a posted image against the generation', async () => {
    const audit = memoryAudit();
    const moderator = createModerator({ blocklist: [], nsfw: 'nsfw-channels', audit, log });
    const generation = {
      id: 'gen-1',
      platform: 'discord',
      workspaceId: 'g1',
      channelId: 'c9',
      userId: 'ada',
      model: 'fal-ai/flux/schnell',
      nsfwAllowed: true,
    } as Generation;
    await moderator.flaggedImage(generation, true);
    await moderator.flaggedImage({ ...generation, nsfwAllowed: false }, false);
    expect(audit.entries.map((e) => [e.targetId, e.channelId, e.details])).toEqual([
      [
        'gen-1',
        'c9',
        {
          decision: 'nsfw_posted',
          rule: 'provider_nsfw_flag',
          policy: 'nsfw-channels',
          nsfwAllowed: true,
          model: 'fal-ai/flux/schnell',
        },
      ],
      [
        'gen-1',
        'c9',
        {
          decision: 'image_withheld',
          rule: 'provider_nsfw_flag',
          policy: 'nsfw-channels',
          nsfwAllowed: false,
          model: 'fal-ai/flux/schnell',
        },
      ],
    ]);
  });
});

import { PermissionFlagsBits as F } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  missingPermissions,
  permissionRefusal,
  rerollNeeds,
  sequenceNeeds,
} from '../../../../src/platforms/discord/bot-permissions.js';

const INVITED =
  F.ViewChannel |
  F.SendMessages |
  F.SendMessagesInThreads |
  F.CreatePublicThreads |
  F.EmbedLinks |
  F.AttachFiles |
  F.AddReactions |
  F.ReadMessageHistory;

describe('what the Discord bot needs before it spends anything', () => {
  it('finds nothing missing with what operators grant at invite', () => {
    for (const place of [
      { inThread: false, uploads: true },
      { inThread: true, uploads: true },
    ]) {
      expect(missingPermissions(INVITED, rerollNeeds(place))).toEqual([]);
      expect(missingPermissions(INVITED, sequenceNeeds(place))).toEqual([]);
    }
  });

  it('names what a re-roll lacks: Send Messages in a channel, Send Messages in Threads in a thread', () => {
    const have = INVITED & ~(F.SendMessages | F.AddReactions);
    expect(missingPermissions(have, rerollNeeds({ inThread: false, uploads: false }))).toEqual([
      'Send Messages',
    ]);
    expect(missingPermissions(have, rerollNeeds({ inThread: true, uploads: false }))).toEqual([]);
    expect(
      missingPermissions(INVITED & ~F.AttachFiles, rerollNeeds({ inThread: false, uploads: true })),
    ).toEqual(['Attach Files']);
  });

  it('needs a thread for /sequence unless it already runs in one; View Channel hides the rest', () => {
    const noThreads = INVITED & ~F.CreatePublicThreads;
    expect(missingPermissions(noThreads, sequenceNeeds({ inThread: false, uploads: false }))).toEqual([
      'Create Public Threads',
    ]);
    expect(missingPermissions(noThreads, sequenceNeeds({ inThread: true, uploads: false }))).toEqual([]);
    expect(missingPermissions(0n, sequenceNeeds({ inThread: false, uploads: true }))).toEqual([
      'View Channel',
    ]);
  });

  it('says which permissions to grant', () => {
    const refusal = permissionRefusal('post the re-roll', ['Send Messages', 'Embed Links']);
    expect(refusal.code).toBe('cannot_post');
    expect(refusal.message).toContain('**Send Messages** and **Embed Links** permissions');
    expect(permissionRefusal('x', ['Embed Links']).message).toContain('grant it to Atelier');
  });
});

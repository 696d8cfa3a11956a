import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS, type Rig, startRig } from './rig.js';

const CALLBACK = 'POST /interactions/:interactionId/:token/callback';
const EDIT = 'PATCH /webhooks/:applicationId/:token/messages/:messageId';

describe('interaction tokens never reach the log, even when Discord refuses a callback', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ platforms: ['discord'], fal: { latencyMs: 50, latencySpreadMs: 0 } });
    await rig.bot.start();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('logs a failed callback and a failed edit with their URLs redacted', async () => {
    const discord = rig.discord!;
    const art = discord.channelId('art');
    // More failures than @discordjs/rest retries (3), so the bot gives up and logs the error.
    discord.failNext(CALLBACK, { count: 20, status: 500 });
    const refused = discord.slashCommand({
      name: 'generate',
      options: { ...OPTIONS, prompt: 'a' },
      channelId: art,
    });
    const refusedToken = discord.interaction(refused.interactionId)!.token;
    await rig.bot.waitForLog((l) => JSON.stringify(l).includes('/callback'), 20_000);
    discord.setKnobs({ fail5xx: [] });

    discord.failNext(EDIT, { count: 40, status: 500 });
    const edited = discord.slashCommand({
      name: 'generate',
      options: { ...OPTIONS, prompt: 'b' },
      channelId: art,
    });
    const editedToken = discord.interaction(edited.interactionId)!.token;
    await rig.bot.waitForLog((l) => JSON.stringify(l).includes('/messages/%40original'), 20_000);

    const log = readFileSync(join(rig.dir, 'bot.log'), 'utf8');
    // The failures were logged with their URLs, only the tokens taken out.
    expect(log).toContain(`/interactions/${refused.interactionId}/[redacted]/callback`);
    expect(log).toContain(`/webhooks/${discord.applicationId}/[redacted]/messages/%40original`);
    expect(log).not.toContain(refusedToken);
    expect(log).not.toContain(editedToken);
  });
});

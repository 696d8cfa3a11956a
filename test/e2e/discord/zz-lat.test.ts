import { afterAll, beforeAll, it } from 'vitest';
import { type DiscordBotFixture, startDiscordBotFixture } from '/work/main/test/helpers/discord-bot-fixture.js';
const ALL = { style: 'comic-book', pose: 'flexing', outfit: 'explorer', footwear: 'hiking-boots', prop: 'torch', frame: 'hero' };
let f: DiscordBotFixture;
beforeAll(async () => { f = await startDiscordBotFixture(); });
afterAll(async () => { await f?.close(); });
it('lat', async () => {
  const seq = [];
  for (let i = 0; i < 5; i++) { const h = await f.slash('generate', { ...ALL, seed: i }); seq.push(h.ackLatencyMs); await f.finalMessage((await f.reply(h.interactionId)).id); }
  console.log('sequential', seq);
  const t = Date.now();
  const handles = await Promise.all(Array.from({ length: 20 }, (_, i) => f.slash('generate', { ...ALL, seed: 100 + i })));
  console.log('burst', handles.map(h => h.ackLatencyMs), Date.now() - t);
  const recs = handles.map(h => f.discord.interaction(h.interactionId)!);
  console.log('created spread', recs.map(r => r.createdAt - recs[0]!.createdAt));
}, 60000);

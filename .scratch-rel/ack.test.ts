import { it } from 'vitest';
import { startRig } from '../test/reliability/rig.js';
it('ack latency', async () => {
  const rig = await startRig({ platforms: ['slack', 'discord'] });
  await rig.bot.start();
  const slack = rig.slack!;
  const t0 = Date.now();
  const r = await slack.slashCommand({ userId: 'U0MAYA0001', channelId: 'C0ART00001', command: '/generate', text: 'style:comic-book pose:flexing outfit:explorer footwear:hiking-boots prop:torch frame:hero prompt:warm' });
  console.log('first ack', r.durationMs, Date.now() - t0);
  await new Promise((r) => setTimeout(r, 3000));
  const results = await Promise.all(Array.from({ length: 25 }, (_, i) => slack.slashCommand({ userId: 'U0MAYA0001', channelId: 'C0ART00001', command: '/generate', text: `style:comic-book pose:flexing outfit:explorer footwear:hiking-boots prop:torch frame:hero prompt:b${i}` })));
  console.log('burst', results.map((x) => x.durationMs).join(','));
  await rig.close();
}, 60000);

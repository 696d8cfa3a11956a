import { it } from 'vitest';
import { startRig } from './rig.js';
it('drain', async () => {
  const rig = await startRig({ platforms: ['slack'], env: { LOG_LEVEL: 'debug' } });
  await rig.bot.start();
  for (let i = 0; i < 20; i++) await rig.generate(i * 4, `d${i}`);
  await new Promise((r) => setTimeout(r, 2500));
  console.log(JSON.stringify(await rig.statusCounts()));
  const t = Date.now();
  console.log(JSON.stringify(await rig.bot.signal('SIGTERM')));
  console.log(JSON.stringify(await rig.statusCounts()), rig.dir);
  await rig.bot.close();
}, 60000);

import { openDatabase } from './src/infra/db/database.js';
import { createLogger } from './src/infra/logger.js';
import { startLibsqlServerEmulator } from './src/sandbox/libsql/libsql-emulator.js';
const log = createLogger('silent');
for (let i = 0; i < 3; i++) {
  const emu = await startLibsqlServerEmulator({ authToken: 't' });
  const r = await Promise.allSettled([openDatabase({ url: emu.url, authToken: 't', log }), openDatabase({ url: emu.url, authToken: 't', log })]);
  console.log(r.map((x) => x.status === 'fulfilled' ? 'ok' : `fail: ${(x.reason as Error).message}`));
  for (const x of r) if (x.status === 'fulfilled') x.value.close();
  try { await openDatabase({ url: emu.url, authToken: 'nope', log }) } catch (e) { console.log('wrong token:', (e as Error).message) }
  try { await openDatabase({ url: emu.url, log }) } catch (e) { console.log('no token:', (e as Error).message) }
  await emu.close();
}

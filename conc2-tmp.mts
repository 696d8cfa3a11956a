import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './src/infra/db/database.js';
import { createLogger } from './src/infra/logger.js';
const log = createLogger('silent');
for (let i = 0; i < 3; i++) {
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'cc-')), 'a.db')}`;
  const r = await Promise.allSettled([openDatabase({ url, log }), openDatabase({ url, log })]);
  console.log(r.map((x) => x.status === 'fulfilled' ? 'ok' : `fail: ${(x.reason as Error).message}`));
  for (const x of r) if (x.status === 'fulfilled') x.value.close();
}

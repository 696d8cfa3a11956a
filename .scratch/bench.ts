import { openDatabase } from '../src/infra/db/database.js';
import { createLogger } from '../src/infra/logger.js';
import { insertGenerations } from '../src/infra/db/bulk-insert.js';
import { newGeneration } from '../src/infra/db/generation-mapping.js';
import { createGenerationRepository } from '../src/infra/db/generation-repository.js';
import { doneFields, newGenerationInput } from '../test/integration/db/db-fixtures.js';
import type { HistoryQuery } from '../src/core/types.js';
const N = Number(process.env.N ?? 50000);
const url = process.env.URL ?? 'file:/tmp/benchdb/a.db';
const d = await openDatabase({ url, log: createLogger('silent') });
const repo = createGenerationRepository(d.db);
let s = 7; const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const USERS = Math.max(50, Math.floor(N / 500));
const existing = Number((await d.client.execute('select count(*) n from generations')).rows[0]!.n);
let t = performance.now();
for (let start = existing; start < N; start += 50000) {
  const rows = [];
  for (let i = start; i < Math.min(N, start + 50000); i++) {
    const id = 'g-' + String(i).padStart(8, '0'); const at = 1_700_000_000_000 + i * 3;
    const user = rnd() < 0.05 ? 'heavy' : 'user-' + Math.floor(rnd() * USERS);
    const g = newGeneration(newGenerationInput({ id, userId: user, options: { style: 's' + Math.floor(rnd() * 12), pose: 'p' + Math.floor(rnd() * 6), outfit: 'o' + Math.floor(rnd() * 8), setting: 'studio' } }), at, () => id);
    rows.push(rnd() < 0.92 ? { ...g, ...doneFields(id, at), status: 'done' as const } : { ...g, status: 'failed' as const });
  }
  await insertGenerations(d.db, rows);
}
console.log('seed s', ((performance.now() - t) / 1000).toFixed(1), 'users', USERS);
const cases: [string, () => HistoryQuery][] = [
  ['user plain', () => ({ userId: 'user-' + Math.floor(rnd() * USERS), platform: 'discord', limit: 20, offset: 0 })],
  ['user 1 filter', () => ({ userId: 'user-' + Math.floor(rnd() * USERS), platform: 'discord', filters: { style: 's' + Math.floor(rnd() * 12) }, limit: 20, offset: 0 })],
  ['user 3 filters', () => ({ userId: 'user-' + Math.floor(rnd() * USERS), platform: 'discord', filters: { style: 's' + Math.floor(rnd() * 12), pose: 'p1', outfit: 'o2' }, limit: 20, offset: 0 })],
  ['heavy plain', () => ({ userId: 'heavy', platform: 'discord', limit: 20, offset: 0 })],
  ['heavy 1 filter', () => ({ userId: 'heavy', platform: 'discord', filters: { style: 's' + Math.floor(rnd() * 12) }, limit: 20, offset: 0 })],
  ['heavy 2 filters p5', () => ({ userId: 'heavy', platform: 'discord', filters: { style: 's3', pose: 'p' + Math.floor(rnd() * 6) }, limit: 20, offset: 80 })],
];
for (const [name, make] of cases) {
  const times: number[] = []; let total = 0;
  for (let i = 0; i < 300; i++) { const q = make(); const t0 = performance.now(); const r = await repo.history(q); times.push(performance.now() - t0); total = r.total; }
  times.sort((a, b) => a - b);
  console.log(name.padEnd(20), 'p50', times[150]!.toFixed(2), 'p99', times[296]!.toFixed(2), 'ms  (last total', total + ')');
}
d.close();

import { createClient } from '@libsql/client';
import Database from 'libsql';
const f = '/tmp/lt/d.db';
const a = new Database(f); a.exec('PRAGMA journal_mode=WAL'); a.exec('create table t(x)');
const b = createClient({ url: `file:${f}`, concurrency: 1, timeout: 100 });
await b.execute('PRAGMA busy_timeout = 100');
a.exec('BEGIN IMMEDIATE'); a.exec('insert into t values (1)');
try { await b.execute('insert into t values (2)') } catch (e) { console.log('b err', (e as any).code) }
a.exec('COMMIT');
await b.execute('insert into t values (3)');
console.log('seen by other conn:', (a.prepare('select group_concat(x) g from t').get() as any).g);
await b.execute('insert into t values (4)');
console.log('seen by other conn:', (a.prepare('select group_concat(x) g from t').get() as any).g);
b.close();
console.log('after b.close:', (a.prepare('select group_concat(x) g from t').get() as any).g);

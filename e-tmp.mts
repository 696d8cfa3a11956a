import { createClient } from '@libsql/client';
for (const url of ['http://127.0.0.1:59999', 'libsql://127.0.0.1:59999?tls=0', 'https://127.0.0.1:59999']) {
  const c = createClient({ url });
  try { await c.execute('select 1') } catch (e: any) { console.log(url, e.name, e.code, e.message, e.cause?.code, e.cause?.message, e.cause?.cause?.code) }
}
try { createClient({ url: 'libsql://127.0.0.1?tls=0' }) } catch (e: any) { console.log(e.code, e.message) }

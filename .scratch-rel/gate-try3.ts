import { createServer, request } from 'node:http';
import { startFalEmulator } from '/work/main/src/sandbox/fal/fal-emulator.js';
const fal = await startFalEmulator({});
const target = new URL(fal.url);
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const headers = { ...req.headers, host: target.host };
    delete headers.connection;
    console.log('fwd', req.url, headers);
    const up = request(new URL(req.url ?? '/', target), { method: req.method, headers }, (a) => { console.log('answer', a.statusCode); res.writeHead(a.statusCode ?? 502, a.headers); a.pipe(res); });
    up.on('error', (e) => console.log('err', e));
    up.end(body);
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as any).port;
const r = await fetch(`http://127.0.0.1:${port}/fal-ai/flux/schnell`, { method: 'POST', headers: { authorization: 'Key x', 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'hi' }), signal: AbortSignal.timeout(5000) }).catch(e => e);
console.log(r.status ?? r);
server.closeAllConnections(); server.close(); await fal.close();

import { request } from 'node:http';
import { startFalEmulator } from '/work/main/src/sandbox/fal/fal-emulator.js';
const fal = await startFalEmulator({});
const body = Buffer.from(JSON.stringify({ prompt: 'hi' }));
const up = request(new URL('/fal-ai/flux/schnell', fal.url), { method: 'POST', headers: { authorization: 'Key x', 'content-type': 'application/json', 'content-length': String(body.length), host: new URL(fal.url).host } }, (a) => { console.log('status', a.statusCode); a.resume(); a.on('end', () => fal.close()); });
up.on('error', (e) => console.log('err', e));
up.end(body);

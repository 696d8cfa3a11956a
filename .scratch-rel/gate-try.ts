import { startFalEmulator } from '/work/main/src/sandbox/fal/fal-emulator.js';
import { startFalGate } from '/work/main/test/reliability/fal-gate.js';
const gate = await startFalGate();
const fal = await startFalEmulator({ publicUrl: gate.url });
gate.setTarget(fal.url);
const t = Date.now();
const r = await fetch(`${gate.url}/fal-ai/flux/schnell`, { method: 'POST', headers: { authorization: 'Key x', 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'hi' }), signal: AbortSignal.timeout(5000) }).catch(e => e);
console.log(Date.now() - t, r.status ?? r, await r.text?.());
await gate.close(); await fal.close();

import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
const l = new Bottleneck({ id: 'exp'+Date.now(), maxConcurrent: 1, datastore: 'ioredis', Redis, clientOptions: { port: 6399, host: '127.0.0.1', maxRetriesPerRequest: null } });
l.on('error', (e) => console.log('EVENT error', JSON.stringify(e.message), e.constructor.name));
await l.ready();
console.log(await l.schedule(async () => 1));
const r = new Redis(6399);
await r.flushall();
try { console.log('after flush', await l.schedule({expiration: 1000}, async () => 2)); } catch (e) { console.log('schedule rejected', JSON.stringify(e.message)); }
try { console.log(await l.running()); } catch (e) { console.log('running rejected', JSON.stringify(e.message)); }
await l.disconnect(); r.disconnect();

import { openDatabase } from './src/infra/db/database.js';
import { createLogger } from './src/infra/logger.js';
try { await openDatabase({ url: 'http://127.0.0.1:59999?authToken=secret', log: createLogger('silent') }) } catch (e) { console.log((e as Error).message) }

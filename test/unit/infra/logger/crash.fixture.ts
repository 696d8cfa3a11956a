// Run as a separate process by crash-log.test.ts: installs the crash log, then leaves a rejection unhandled.
import { createLogger, logCrashes } from '../../../../src/infra/logger.js';

logCrashes(createLogger('info'));
setTimeout(() => {
  void Promise.reject(new Error(`nobody handles this (${process.argv[2] ?? 'rejection'})`));
}, 10);

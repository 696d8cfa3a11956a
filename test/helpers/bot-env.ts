import { join } from 'node:path';

/**
 * What every in-process test bot is configured with apart from its chat platform: fal at `falUrl`, a libSQL
 * file and a media folder under `dir`, loopback HTTP and ops listeners on free ports, no logs.
 */
export function testBotEnv(dir: string, falUrl: string): Record<string, string> {
  return {
    FAL_KEY: 'test-key',
    FAL_QUEUE_URL: falUrl,
    DATABASE_URL: `file:${join(dir, 'atelier.db')}`,
    STORAGE_DIR: join(dir, 'media'),
    PUBLIC_BASE_URL: 'http://127.0.0.1:3999',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    OPS_HOST: '127.0.0.1',
    OPS_PORT: '0',
    LOG_LEVEL: 'silent',
  };
}

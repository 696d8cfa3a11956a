import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_RUNTIME_ENV } from '../../../bench/burst-common.js';
import { PROJECT_ROOT } from '../../../src/paths.js';

describe('the bench runs the bot as the Dockerfile does', () => {
  it("sets every runtime variable of the bench's bot in the Dockerfile's runtime stage, with the same value", async () => {
    const dockerfile = await readFile(resolve(PROJECT_ROOT, 'Dockerfile'), 'utf8');
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    const env = new Map(
      [...runtime.matchAll(/^\s*(?:ENV\s+)?([A-Z_]+)=(\S+?)\s*\\?$/gm)].map((m) => [m[1], m[2]]),
    );
    for (const [name, value] of Object.entries(PRODUCTION_RUNTIME_ENV))
      expect(env.get(name), name).toBe(value);
  });

  it('npm run start:dist sets the memory settings too', async () => {
    const pkg = JSON.parse(await readFile(resolve(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const { NODE_ENV: _production, ...memory } = PRODUCTION_RUNTIME_ENV;
    for (const [name, value] of Object.entries(memory))
      expect(pkg.scripts['start:dist']).toContain(`${name}=${value} `);
  });
});

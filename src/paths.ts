import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The project root, resolved from this file so it works from any cwd: this file is src/paths.ts under
 * tsx and dist/src/paths.js when compiled (`npm run build`).
 */
export const PROJECT_ROOT = resolve(here, basename(dirname(here)) === 'dist' ? '../..' : '..');
export const MIGRATIONS_DIR = resolve(PROJECT_ROOT, 'migrations');
export const CATALOGS_DIR = resolve(PROJECT_ROOT, 'catalogs');

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, resolved from this file so it works from src/ (tsx) and from any cwd. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MIGRATIONS_DIR = resolve(PROJECT_ROOT, 'migrations');
export const CATALOGS_DIR = resolve(PROJECT_ROOT, 'catalogs');

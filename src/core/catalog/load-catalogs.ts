import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { CATALOGS_DIR, PROJECT_ROOT } from '../../paths.js';
import { isHttpUrl } from './brand-assets-schema.js';
import { type CatalogRegistry, createCatalogRegistry } from './catalog-registry.js';
import { checkCatalog } from './check-catalog.js';
import { type Catalog, catalogSchema } from './schema.js';

export { type CatalogRegistry, createCatalogRegistry } from './catalog-registry.js';

/** A catalog file that cannot be used; the message names the file and the path of every problem. */
export class CatalogLoadError extends Error {
  override readonly name = 'CatalogLoadError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid catalog ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** `dimensions[2].options[0].label` */
const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '') || '(root)';

/** A union branch the value was not even the type of (a list given where a string is one option). */
const wrongType = (issues: readonly z.core.$ZodIssue[]): boolean =>
  issues.every((i) => i.code === 'invalid_type' && i.path.length === 0);

/**
 * One line per problem. A union (a layout is a string or a list of sections) reports the problems of the
 * one branch the value has the type of, rather than zod's bare "Invalid input".
 */
const formatIssue = (issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): string[] => {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const branches = issue.errors.filter((branch) => !wrongType(branch));
    if (branches.length === 1) return branches[0]!.flatMap((inner) => formatIssue(inner, path));
  }
  return [`${formatPath(path)}: ${issue.message}`];
};

/** Validates one catalog's parsed JSON: the zod schema, then the cross-references zod cannot check. */
export const parseCatalog = (raw: unknown, file: string): Catalog => {
  const parsed = catalogSchema.safeParse(raw);
  if (!parsed.success)
    throw new CatalogLoadError(
      file,
      parsed.error.issues.flatMap((issue) => formatIssue(issue)),
    );
  const problems = checkCatalog(parsed.data);
  if (problems.length > 0)
    throw new CatalogLoadError(
      file,
      problems.map((p) => `${p.path}: ${p.message}`),
    );
  return parsed.data;
};

const readCatalogFile = async (file: string): Promise<Catalog> => {
  const text = await readFile(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CatalogLoadError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  const catalog = parseCatalog(raw, file);
  await checkReferenceFiles(catalog, file);
  return catalog;
};

/** Reference images given as repository files must be there: a model cannot be sent a missing file. */
const checkReferenceFiles = async (catalog: Catalog, file: string): Promise<void> => {
  const problems: string[] = [];
  for (const [i, ref] of (catalog.referenceImages ?? []).entries()) {
    if (isHttpUrl(ref)) continue;
    const found = await stat(resolve(PROJECT_ROOT, ref)).catch(() => undefined);
    if (!found?.isFile()) problems.push(`referenceImages[${i}]: no file ${ref} in the repository`);
  }
  if (problems.length > 0) throw new CatalogLoadError(file, problems);
};

/** Reads and validates every *.json in `dir` (sorted, so the result does not depend on the file system). */
export const loadCatalogs = async (dir: string = CATALOGS_DIR): Promise<CatalogRegistry> => {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`No catalog files (*.json) in ${dir}`);
  const catalogs = await Promise.all(files.map((f) => readCatalogFile(join(dir, f))));
  const owners = new Map<string, string>();
  catalogs.forEach((catalog, i) => {
    const file = join(dir, files[i]!);
    const other = owners.get(catalog.id);
    if (other !== undefined)
      throw new CatalogLoadError(file, [`id: "${catalog.id}" is already used by ${other}`]);
    owners.set(catalog.id, file);
  });
  return createCatalogRegistry(catalogs);
};

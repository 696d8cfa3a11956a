import { createHash } from 'node:crypto';
import type { Core } from '../compose.js';
import type { Catalog } from '../core/catalog/schema.js';
import type { GenerationParams } from '../core/types.js';
import { type ParsedArgs, UsageError } from './args.js';
import { cliRequester } from './cli-requester.js';
import { createProgress } from './progress.js';

/** Every option of one dimension, or every combination of several (`--cross style,medium`). */
export function batchCombinations(catalog: Catalog, dimensions: readonly string[]): Record<string, string>[] {
  let combos: Record<string, string>[] = [{}];
  for (const id of dimensions) {
    const dimension = catalog.dimensions.find((d) => d.id === id);
    if (!dimension)
      throw new UsageError(
        `Unknown dimension "${id}". ${catalog.id} has: ${catalog.dimensions.map((d) => d.id).join(', ')}.`,
      );
    combos = combos.flatMap((combo) => dimension.options.map((o) => ({ ...combo, [id]: o.id })));
  }
  return combos;
}

/** The same combination always gets the same seed, so a re-run finds what is already made. */
export const batchSeed = (catalogId: string, options: Record<string, string>) =>
  createHash('sha256')
    .update(`${catalogId}:${JSON.stringify(options)}`)
    .digest()
    .readUInt32BE(0) & 0x7fffffff;

/**
 * Seed 000's initial image set, through the same limiter as chat requests. Resumable: combinations whose
 * image exists are skipped; results are marked as the style browser's examples.
 */
export async function runBatchCommand(args: ParsedArgs, core: Core): Promise<number> {
  const catalog = core.catalogs.get(args.options.get('catalog') ?? core.catalogs.defaultId);
  const cross = args.options.get('cross') ?? args.options.get('dimension') ?? catalog.styleDimension;
  const dimensions = cross
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const limit = Number(args.options.get('limit') ?? Number.POSITIVE_INFINITY);
  const combos = batchCombinations(catalog, dimensions).slice(0, limit);
  const requester = cliRequester();
  const model = core.provider.models[0]!;
  const progress = createProgress(combos.length, `batch ${catalog.id} × ${dimensions.join(' × ')}`);
  let done = 0;
  let failed = 0;
  let skipped = 0;
  await core.service.resume();
  const jobs = combos.map(async (options) => {
    const params: GenerationParams = { catalogId: catalog.id, options };
    const seed = batchSeed(catalog.id, options);
    const built = core.service.validate(params);
    const existing = await core.generations.findReusable(built.hash, model, seed);
    if (existing) {
      if (!existing.isExample) await core.generations.update(existing.id, { isExample: true });
      skipped++;
      done++;
      progress(done, failed, `${skipped} already made`);
      return;
    }
    const generation = await core.service.request({ requester, params, seed, isExample: true });
    const finished = await core.service.waitFor(generation.id);
    if (finished.status === 'done') done++;
    else failed++;
    progress(done, failed, skipped ? `${skipped} already made` : '');
  });
  progress(0, 0);
  await Promise.all(jobs);
  console.log(
    JSON.stringify({ catalog: catalog.id, dimensions, total: combos.length, done, failed, skipped }),
  );
  return failed === 0 ? 0 : 1;
}

import { createHash } from 'node:crypto';
import type { Aspect, Catalog } from '../catalog/schema.js';

/**
 * sha256 hex of the canonical params. Keys are written in a fixed order and options in catalog order, so
 * equivalent requests (labels instead of ids, other key order, extra whitespace) hash the same.
 * The catalog version stands for its text: bump it whenever templates or option prompts change.
 */
export const hashParams = (
  catalog: Pick<Catalog, 'id' | 'version' | 'dimensions'>,
  options: Readonly<Record<string, string>>,
  extra: string,
  aspect: Aspect,
): string => {
  const canonical = JSON.stringify({
    catalogId: catalog.id,
    version: catalog.version,
    options: catalog.dimensions.map((d) => [d.id, options[d.id] ?? null]),
    extra,
    aspect,
  });
  return createHash('sha256').update(canonical).digest('hex');
};

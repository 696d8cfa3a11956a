import type { Catalog } from '../catalog/schema.js';

/**
 * Display labels for chosen options, in catalog order, for renderers ("Style: Comic Book").
 * Ids the catalog no longer has (an old record) are shown as they are rather than dropped.
 */
export const describeParams = (
  catalog: Catalog,
  options: Readonly<Record<string, string>>,
): { dimension: string; option: string }[] =>
  catalog.dimensions.flatMap((dimension) => {
    const id = options[dimension.id];
    if (id === undefined) return [];
    const option = dimension.options.find((o) => o.id === id);
    return [{ dimension: dimension.label, option: option?.label ?? id }];
  });

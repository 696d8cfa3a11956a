import type { CatalogRegistry } from '../core/catalog/load-catalogs.js';
import type { ParsedArgs } from './args.js';

export function runCatalogCommand(args: ParsedArgs, catalogs: CatalogRegistry): void {
  const wanted = args.options.get('catalog');
  const list = wanted ? [catalogs.get(wanted)] : catalogs.list();
  if (args.flags.has('json')) {
    console.log(JSON.stringify(wanted ? list[0] : list, null, 2));
    return;
  }
  for (const catalog of list) {
    const isDefault = catalog.id === catalogs.defaultId ? ' (default)' : '';
    console.log(`${catalog.name} — ${catalog.id}${isDefault}\n  ${catalog.description}`);
    for (const dimension of catalog.dimensions) {
      const def = catalog.defaults[dimension.id];
      console.log(`\n  ${dimension.label} (--${dimension.id}, default ${def})`);
      for (const option of dimension.options)
        console.log(`    ${option.id.padEnd(24)} ${option.description}`);
    }
    if (catalog.sequence)
      console.log(`\n  Sequence (${catalog.sequence.dimension}): ${catalog.sequence.frames.join(' → ')}`);
    console.log('');
  }
}

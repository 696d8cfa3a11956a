import { createCatalogRegistry } from '../../../../src/core/catalog/load-catalogs.js';
import { type Catalog, catalogSchema } from '../../../../src/core/catalog/schema.js';

const options = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i + 1}`,
    label: `${prefix[0]?.toUpperCase()}${prefix.slice(1)} ${i + 1}`,
    description: `${prefix} number ${i + 1}`,
    prompt: `${prefix} ${i + 1}`,
  }));

/** A catalog bigger than Discord's limits: 7 dimensions, one with 40 options. */
export const wideCatalog: Catalog = catalogSchema.parse({
  id: 'wide',
  name: 'Wide Brand',
  description: 'More dimensions and options than one Discord message holds',
  version: 1,
  styleDimension: 'style',
  dimensions: [
    { id: 'style', label: 'Style', description: 'Look', options: options('style', 40) },
    ...['pose', 'outfit', 'footwear', 'prop', 'frame', 'mood'].map((id) => ({
      id,
      label: `${id[0]?.toUpperCase()}${id.slice(1)}`,
      description: `The ${id}`,
      options: options(id, 5),
    })),
  ],
  templates: { character: 'c', environment: 'e', technicalSpecs: 't', layout: '{character}' },
  negativePrompt: 'n',
  defaults: { style: 'style-1', pose: 'pose-2' },
});

export const wideRegistry = () => createCatalogRegistry([wideCatalog]);

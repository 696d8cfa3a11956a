import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../paths.js';
import { isHttpUrl } from '../catalog/brand-assets-schema.js';
import type { Catalog } from '../catalog/schema.js';
import type { BuiltPrompt } from '../types.js';

/**
 * The catalog's brand assets as request fields, for the models that take them. Repository files become
 * file:// URLs (load-catalogs checked they exist): a provider uploads them before sending.
 */
export const brandAssetsFor = (
  catalog: Catalog,
  lora: boolean,
): Pick<BuiltPrompt, 'loras' | 'referenceImageUrls' | 'colors'> => ({
  ...(lora && catalog.lora ? { loras: [{ url: catalog.lora.url, scale: catalog.lora.scale }] } : {}),
  ...(catalog.referenceImages
    ? {
        referenceImageUrls: catalog.referenceImages.map((ref) =>
          isHttpUrl(ref) ? ref : pathToFileURL(resolve(PROJECT_ROOT, ref)).href,
        ),
      }
    : {}),
  ...(catalog.palette ? { colors: [...catalog.palette] } : {}),
});

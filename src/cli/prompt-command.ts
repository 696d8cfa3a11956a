import type { CatalogRegistry } from '../core/catalog/load-catalogs.js';
import { buildPrompt } from '../core/prompt/build-prompt.js';
import type { ParsedArgs } from './args.js';
import { paramsFromArgs } from './params-from-args.js';

export function runPromptCommand(args: ParsedArgs, catalogs: CatalogRegistry): void {
  const { catalog, params } = paramsFromArgs(args, catalogs);
  const built = buildPrompt(catalog, params);
  if (args.flags.has('json')) {
    console.log(JSON.stringify(built, null, 2));
    return;
  }
  console.log(`prompt:\n${built.prompt}\n\nnegativePrompt:\n${built.negativePrompt}\n\nhash: ${built.hash}`);
}

import type { CatalogRegistry } from '../core/catalog/load-catalogs.js';
import { buildPrompt } from '../core/prompt/build-prompt.js';
import { describeFit } from '../core/prompt/measure.js';
import { MODEL_BUDGETS, MODELS_TAKING_LORAS } from '../core/prompt/model-budgets.js';
import type { TokenCounter } from '../core/prompt/prompt-budget.js';
import { type ParsedArgs, UsageError } from './args.js';
import { paramsFromArgs } from './params-from-args.js';

/**
 * `atelier prompt … [--model M] [--json]`: the prompt as the model would read it, fitted to the model's
 * budget, with what that took (`defaultModel`: FAL_MODEL).
 */
export function runPromptCommand(
  args: ParsedArgs,
  catalogs: CatalogRegistry,
  counter: TokenCounter,
  defaultModel: string,
): void {
  const { catalog, params } = paramsFromArgs(args, catalogs, ['model']);
  const model = args.options.get('model') ?? defaultModel;
  const budget = MODEL_BUDGETS[model];
  if (budget === undefined)
    throw new UsageError(`Unknown model "${model}". Supported: ${Object.keys(MODEL_BUDGETS).join(', ')}.`);
  const built = buildPrompt(catalog, params, { budget, counter, lora: MODELS_TAKING_LORAS.includes(model) });
  if (args.flags.has('json')) {
    console.log(JSON.stringify({ model, ...built }, null, 2));
    return;
  }
  console.log(
    `prompt (${model}: ${describeFit(built.fit!)}):\n${built.prompt}\n\n` +
      `negativePrompt (sent only to models with a negative-prompt field):\n${built.negativePrompt}\n\nhash: ${built.hash}`,
  );
}

import type { CatalogRegistry } from '../core/catalog/load-catalogs.js';
import type { ModelProfile } from '../core/generation/model-profile.js';
import { buildPrompt } from '../core/prompt/build-prompt.js';
import { describeFit } from '../core/prompt/measure.js';
import type { TokenCounter } from '../core/prompt/prompt-budget.js';
import { type ParsedArgs, UsageError } from './args.js';
import { paramsFromArgs } from './params-from-args.js';

/**
 * `atelier prompt … [--model M] [--json]`: the prompt as the model would read it, fitted to the model's
 * budget, with what that took (`defaultModel`: FAL_MODEL; `profiles`: the shipped ones and the operator's).
 */
export function runPromptCommand(
  args: ParsedArgs,
  catalogs: CatalogRegistry,
  counter: TokenCounter,
  defaultModel: string,
  profiles: readonly ModelProfile[],
): void {
  const { catalog, params } = paramsFromArgs(args, catalogs, ['model']);
  const model = args.options.get('model') ?? defaultModel;
  const profile = profiles.find((p) => p.endpoint === model);
  if (profile === undefined)
    throw new UsageError(
      `Unknown model "${model}". Supported: ${profiles.map((p) => p.endpoint).join(', ')}.`,
    );
  const built = buildPrompt(catalog, params, {
    budget: profile.promptBudget,
    counter,
    lora: profile.takes.loras,
  });
  if (args.flags.has('json')) {
    console.log(JSON.stringify({ model, ...built }, null, 2));
    return;
  }
  console.log(
    `prompt (${model}: ${describeFit(built.fit!)}):\n${built.prompt}\n\n` +
      `negativePrompt (sent only to models with a negative-prompt field):\n${built.negativePrompt}\n\nhash: ${built.hash}`,
  );
}

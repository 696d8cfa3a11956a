/**
 * The sandbox's bot, which the Knobs panel can restart on another model: the bot reads FAL_MODEL once at
 * start-up (the prompt budget is fitted to it), so switching models is what an operator does — change
 * FAL_MODEL and restart. Jobs still running get the usual shutdown grace; the new bot resumes the rest.
 */
import { type Bot, startBot } from '../src/compose.js';
import { type Config, parseConfig } from '../src/config.js';
import { unmetRequirements } from '../src/core/generation/model-chain.js';
import type { Logger } from '../src/core/logger.js';
import { SHIPPED_PROFILES } from '../src/infra/fal/profiles/index.js';

export interface ModelChoice {
  endpoint: string;
  label: string;
  budget: string;
}

export interface BotRunner {
  readonly bot: Bot;
  readonly config: Readonly<Config>;
  /** The shipped models a text-to-image bot can run on (Kontext edits need a reference image). */
  models(): { current: string; choices: ModelChoice[] };
  /** Restarts the bot with FAL_MODEL set to `model`; resolves once the new bot is up. */
  switchModel(model: string): Promise<void>;
  close(timeoutMs: number): Promise<void>;
}

const CHOICES: ModelChoice[] = SHIPPED_PROFILES.filter(
  (p) => unmetRequirements(p, { referenceImage: false }).length === 0,
).map((p) => ({
  endpoint: p.endpoint,
  label: p.label,
  budget: `${p.promptBudget.max} ${p.promptBudget.unit === 't5-tokens' ? 'T5 tokens' : 'characters'}`,
}));

export async function startBotRunner(options: {
  env: Record<string, string>;
  log: Logger;
  /** Runs after each start (the sandbox registers Discord's commands). */
  afterStart: (config: Readonly<Config>, bot: Bot) => Promise<void>;
}): Promise<BotRunner> {
  const { log } = options;
  const start = async (env: Record<string, string>) => {
    const config = parseConfig(env);
    const bot = await startBot(config, log.child({ component: 'bot' }));
    try {
      await options.afterStart(config, bot);
    } catch (error) {
      await bot.close(1_000).catch(() => {});
      throw error;
    }
    return { config, bot };
  };
  let env = options.env;
  let current = await start(env);
  let switching: Promise<void> = Promise.resolve();

  return {
    get bot() {
      return current.bot;
    },
    get config() {
      return current.config;
    },
    models: () => ({ current: current.config.fal.model, choices: CHOICES }),
    switchModel(model) {
      if (!CHOICES.some((c) => c.endpoint === model))
        return Promise.reject(new Error(`${model} is not a model the sandbox bot can run on`));
      // One restart at a time, in the order asked.
      const run = switching
        .catch(() => {})
        .then(async () => {
          if (current.config.fal.model === model) return;
          log.info(
            { from: current.config.fal.model, to: model },
            'sandbox: restarting the bot on another model',
          );
          await current.bot.close(10_000);
          try {
            current = await start({ ...env, FAL_MODEL: model });
            env = { ...env, FAL_MODEL: model };
          } catch (error) {
            // Never leave the sandbox without a bot: back on the model it ran before.
            current = await start(env);
            throw error;
          }
        });
      switching = run;
      return run;
    },
    close: async (timeoutMs) => {
      await switching.catch(() => {});
      await current.bot.close(timeoutMs);
    },
  };
}

import type {
  CommandContext,
  CommandDefinition,
  CommandResult,
  OptionSpec,
} from '../../../commands/index.js';
import type { CatalogRegistry } from '../../core/catalog/load-catalogs.js';
import { UserError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Requester } from '../../core/types.js';
import { withErrorBoundary } from './error-policy.js';
import type { TurnQueue } from './turn-queue.js';

export interface CommandRunnerDeps {
  /** The commands to run (commands/index.ts). */
  commands: readonly CommandDefinition[];
  catalogs: CatalogRegistry;
  commandContext(requester: Requester): CommandContext;
  /** Where commands wait, once acknowledged, before their database work (ack first). */
  turns: TurnQueue;
}

/** One slash command as a platform received it, and that platform's part in each step. */
export interface CommandCall<Ack> {
  name: string;
  requester: Requester;
  log: Logger;
  /** Logged with any failure. */
  context: Record<string, unknown>;
  /** Raw option values by name, from the payload (Slack reads them from the text, given the options). */
  readOptions(options: readonly OptionSpec[]): Record<string, unknown>;
  /** The refusal for someone who is not an admin, in this platform's terms. */
  notAdmin(command: CommandDefinition): string;
  /** Refusals due before anything is acknowledged (Discord: the bot may post where the jobs go). */
  check?(command: CommandDefinition): void;
  /** Deferral or ack; what it returns (Discord: the reply's message id) goes to `present`. */
  acknowledge(command: CommandDefinition): Promise<Ack>;
  /** After the acknowledgement, before anything is paid for (Slack: the bot may post in the channel). */
  ready?(command: CommandDefinition): Promise<void>;
  /**
   * Where the jobs this command starts are shown, recorded with each job's request (so the job-message
   * machine never waits to learn it): the deferred reply, a channel, a thread opened once it answered.
   */
  placeJobs?(command: CommandDefinition, ack: Ack): Pick<Requester, 'messageId' | 'replyRef'>;
  present(result: CommandResult, ack: Ack): Promise<void>;
  /** Once the command is handled or has failed (after its acknowledgement): opens a gate left closed. */
  settle?(ack: Ack): void;
  /** Tells the person, privately and in this platform's markup, what went wrong. */
  tell(text: string): Promise<unknown>;
  /** Platform refusals with a clear fix for the person (see the shared error policy). */
  explain?(error: unknown): string | undefined;
}

/**
 * The dispatch steps every platform shares: find the command, refuse non-admins, validate its options
 * (pure and synchronous, so a typo is answered in the acknowledgement itself), acknowledge, let other
 * commands' acknowledgements go first, run the handler, show its result; any failure is told to the
 * person through the shared error policy.
 */
export function runCommand<Ack>(deps: CommandRunnerDeps, call: CommandCall<Ack>): Promise<void> {
  return withErrorBoundary(
    call.log,
    call.context,
    (text) => call.tell(text),
    async () => {
      const command = deps.commands.find((c) => c.name === call.name);
      if (!command) throw new UserError('not_found', `/${call.name} is not available any more.`);
      if (command.adminOnly && !call.requester.admin)
        throw new UserError('forbidden', call.notAdmin(command));
      const prepared = command.prepare(call.readOptions(command.options(deps.catalogs)), deps.catalogs);
      call.check?.(command);
      const ack = await call.acknowledge(command);
      try {
        // Other commands' acknowledgements go out before this one's (synchronous) database work.
        await deps.turns.turn();
        await call.ready?.(command);
        const requester = { ...call.requester, ...call.placeJobs?.(command, ack) };
        const result = await prepared.run(deps.commandContext(requester));
        await call.present(result, ack);
      } finally {
        call.settle?.(ack);
      }
    },
    call.explain,
  );
}

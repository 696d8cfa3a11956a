import type { CommandStore } from './commands.js';
import type { EmulatorHub } from './hub.js';
import type { InteractionRegistry } from './interactions.js';
import type { MessageService } from './messages.js';
import type { ReactionService } from './reactions.js';
import type { ThreadService } from './threads.js';

/** The emulator's parts, as REST routes and the user simulator use them. */
export interface Services {
  hub: EmulatorHub;
  messages: MessageService;
  reactions: ReactionService;
  threads: ThreadService;
  interactions: InteractionRegistry;
  commands: CommandStore;
  gateway: {
    /** ws://host:port/gateway */
    url(): string;
    /** IDENTIFYs so far (for session_start_limit.remaining). */
    identifies(): number;
  };
}

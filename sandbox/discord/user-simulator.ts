import type { APIMessage, APIUser } from 'discord.js';
import {
  buildCommandOptions,
  type OptionValue,
  type Resolved,
  resolveOptionValue,
} from './command-options.js';
import {
  type AnyComponent,
  checkSelectValues,
  findComponent,
  isSelect,
  submittedComponents,
} from './components.js';
import { type InteractionOrigin, sendInteraction } from './interaction-payload.js';
import { parseEmoji } from './reactions.js';
import type { Services } from './services.js';
import type { MessageRecord } from './state.js';
import type { InteractionHandle } from './types.js';
import { EmulatorUsageError } from './usage-error.js';

/** Who acts and where; defaults: the first seeded user, the first channel of the first guild. */
export interface Actor {
  userId?: string | undefined;
  channelId?: string | undefined;
}

export interface SlashCommandInput extends Actor {
  /** Command name, with subcommand group/subcommand after spaces: `gallery mine`. */
  name: string;
  options?: Record<string, OptionValue>;
}

export interface AutocompleteInput extends SlashCommandInput {
  /** The option being typed into; its value is sent as the partial text. */
  focused: string;
}

export interface ClickButtonInput extends Pick<Actor, 'userId'> {
  messageId: string;
  customId: string;
}

export interface SelectMenuInput extends ClickButtonInput {
  values: string[];
}

export interface SubmitModalInput extends Actor {
  customId: string;
  /** Text input values (and select picks) by custom_id. */
  values?: Record<string, string | string[]>;
  /** Raw submitted components, used as given instead of mirroring the modal. */
  components?: unknown[];
}

export interface ReactInput extends Actor {
  messageId: string;
  emoji: string;
}

export interface PostMessageInput extends Actor {
  content: string;
}

/** Select component type → the option type whose value rules it shares. */
const SELECT_VALUE_TYPE: Record<number, number> = { 5: 6, 6: 8, 7: 9, 8: 7 };

/** What people do in the Discord client, turned into the gateway events and state Discord would produce. */
export class UserSimulator {
  constructor(private readonly s: Services) {}

  slashCommand(input: SlashCommandInput): InteractionHandle {
    return this.command(input, undefined);
  }

  autocomplete(input: AutocompleteInput): InteractionHandle {
    return this.command(input, input.focused);
  }

  clickButton(input: ClickButtonInput): InteractionHandle {
    const { origin, component } = this.component(input);
    if (component.type !== 2) throw new EmulatorUsageError(`"${input.customId}" is not a button`);
    const data = {
      custom_id: input.customId,
      component_type: 2,
      ...(component.id !== undefined ? { id: component.id } : {}),
    };
    return sendInteraction(this.s, 3, data, origin, input.customId);
  }

  selectMenu(input: SelectMenuInput): InteractionHandle {
    const { origin, component } = this.component(input);
    if (!isSelect(component)) throw new EmulatorUsageError(`"${input.customId}" is not a select menu`);
    checkSelectValues(component, input.values);
    const resolved: Resolved = {};
    const optionType = SELECT_VALUE_TYPE[component.type];
    if (optionType) {
      const def = { type: optionType, name: input.customId };
      for (const value of input.values) resolveOptionValue(this.s.hub, def, value, origin.guild, resolved);
    }
    const data = {
      custom_id: input.customId,
      component_type: component.type,
      values: input.values,
      ...(component.id !== undefined ? { id: component.id } : {}),
      ...(optionType ? { resolved } : {}),
    };
    return sendInteraction(this.s, 3, data, origin, input.customId);
  }

  /** Submits the modal the bot last showed this user with that custom_id (or, with channelId, any modal). */
  submitModal(input: SubmitModalInput): InteractionHandle {
    const userId = this.userId(input.userId);
    const shown = this.s.interactions
      .list()
      .filter((r) => r.modal?.custom_id === input.customId && r.userId === userId)
      .at(-1);
    if (!shown && !input.channelId)
      throw new EmulatorUsageError(`no modal "${input.customId}" was shown to ${userId}`);
    const message = shown?.messageId ? this.s.hub.state.messages.get(shown.messageId) : undefined;
    const origin = this.origin({ userId, channelId: shown?.channelId ?? input.channelId }, message);
    const components =
      input.components ??
      submittedComponents((shown?.modal?.components ?? []) as AnyComponent[], input.values ?? {});
    return sendInteraction(this.s, 5, { custom_id: input.customId, components }, origin, input.customId);
  }

  react(input: ReactInput): void {
    const { message, user } = this.visibleMessage(input);
    this.assertActiveThread(message.data.channel_id, 'react');
    this.s.reactions.add(message, user.id, parseEmoji(input.emoji));
  }

  unreact(input: ReactInput): void {
    const { message, user } = this.visibleMessage(input);
    this.assertActiveThread(message.data.channel_id, 'react');
    this.s.reactions.remove(message, user.id, parseEmoji(input.emoji));
  }

  postMessage(input: PostMessageInput): APIMessage {
    const origin = this.origin(input);
    const record = this.s.messages.create({
      channelId: origin.channel.id,
      author: origin.user,
      input: { content: input.content },
    });
    return this.s.messages.render(record);
  }

  private command(input: SlashCommandInput, focused: string | undefined): InteractionHandle {
    const origin = this.origin(input);
    this.assertActiveThread(origin.channel.id, 'use application commands');
    const [name = '', ...path] = input.name.trim().split(/\s+/);
    const command = this.s.commands.find(name, origin.guild?.id ?? null);
    if (!command) throw new EmulatorUsageError(`no command /${name} is registered here`);
    const built = buildCommandOptions(this.s.hub, command, path, input.options ?? {}, origin.guild, focused);
    const data = {
      id: command.id,
      name: command.name,
      type: 1,
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
      options: built.options,
      ...(Object.keys(built.resolved).length > 0 ? { resolved: built.resolved } : {}),
    };
    return sendInteraction(this.s, focused === undefined ? 2 : 4, data, origin, [name, ...path].join(' '));
  }

  private component(input: ClickButtonInput): { origin: InteractionOrigin; component: AnyComponent } {
    const message = this.s.hub.state.messages.get(input.messageId);
    if (!message) throw new EmulatorUsageError(`no message ${input.messageId}`);
    const origin = this.origin({ userId: input.userId, channelId: message.data.channel_id }, message);
    this.assertVisible(message, origin.user);
    const component = findComponent(message.data.components, input.customId);
    if (!component)
      throw new EmulatorUsageError(`message ${input.messageId} has no component "${input.customId}"`);
    if (component.disabled) throw new EmulatorUsageError(`component "${input.customId}" is disabled`);
    return { origin, component };
  }

  private visibleMessage(input: ReactInput): { message: MessageRecord; user: APIUser } {
    const message = this.s.hub.state.messages.get(input.messageId);
    if (!message) throw new EmulatorUsageError(`no message ${input.messageId}`);
    const { user } = this.origin({ userId: input.userId, channelId: message.data.channel_id });
    this.assertVisible(message, user);
    return { message, user };
  }

  /**
   * threads.mdx "Active & Archived Threads": "Users cannot edit messages, add reactions, use application
   * commands, or join archived threads"; a client offers to send a message, which unarchives it.
   */
  private assertActiveThread(channelId: string, action: string): void {
    if (this.s.threads.archive.isArchived(channelId))
      throw new EmulatorUsageError(
        `thread ${channelId} is archived: nobody can ${action} there until a message unarchives it`,
      );
  }

  private assertVisible(message: MessageRecord, user: APIUser): void {
    if (message.visibleTo && message.visibleTo !== user.id) {
      throw new EmulatorUsageError(`message ${message.data.id} is ephemeral and not visible to ${user.id}`);
    }
  }

  private origin(actor: Actor, message?: MessageRecord): InteractionOrigin {
    const { state } = this.s.hub;
    const user = state.users.get(this.userId(actor.userId));
    if (!user) throw new EmulatorUsageError(`no user ${actor.userId}`);
    const channelId = actor.channelId ?? [...state.guilds.values()][0]?.channelIds[0] ?? '';
    const channel = state.channels.get(channelId);
    if (!channel) throw new EmulatorUsageError(`no channel ${channelId}`);
    const guild = state.guildOfChannel(channel.id);
    if (guild && !guild.members.has(user.id))
      throw new EmulatorUsageError(`${user.username} is not in ${guild.name}`);
    return { user, channel, guild, ...(message ? { message } : {}) };
  }

  private userId(given: string | undefined): string {
    if (given) return given;
    const first = [...this.s.hub.state.users.values()].find((u) => !u.bot);
    if (!first) throw new EmulatorUsageError('no users are seeded');
    return first.id;
  }
}

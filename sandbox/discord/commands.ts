import type { APIApplicationCommand } from 'discord.js';
import { FormErrors, formError } from './form-errors.js';
import { apiErrors } from './http-io.js';
import type { EmulatorHub } from './hub.js';
import { assertObject } from './message-body.js';

interface RawOption {
  type?: number;
  name?: string;
  description?: string;
  choices?: unknown[];
  options?: RawOption[];
}

const NAME = /^[-_'\p{L}\p{N}]{1,32}$/u;

/** Checks the rules Discord enforces on registration (names, descriptions, 25 options/choices). */
function validate(body: unknown, index: number | null): Record<string, unknown> & RawOption {
  const at = (path: Array<string | number>) => (index === null ? path : [index, ...path]);
  const cmd = assertObject(body, 'command') as Record<string, unknown> & RawOption;
  const errors = new FormErrors();
  const chatInput = (cmd.type ?? 1) === 1;
  if (
    typeof cmd.name !== 'string' ||
    !NAME.test(cmd.name) ||
    (chatInput && cmd.name !== cmd.name.toLowerCase())
  ) {
    errors.add(at(['name']), 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
  const description = typeof cmd.description === 'string' ? cmd.description : '';
  if (chatInput && (description.length < 1 || description.length > 100)) {
    errors.add(at(['description']), 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  }
  const walk = (options: RawOption[] | undefined, path: Array<string | number>) => {
    if (!options) return;
    if (options.length > 25) errors.add(at(path), 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    for (const [i, option] of options.entries()) {
      if (typeof option.name !== 'string' || !NAME.test(option.name)) {
        errors.add(at([...path, i, 'name']), 'APPLICATION_COMMAND_INVALID_NAME', 'Option name is invalid');
      }
      if ((option.choices?.length ?? 0) > 25) {
        errors.add(at([...path, i, 'choices']), 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      }
      walk(option.options, [...path, i, 'options']);
    }
  };
  walk(cmd.options, ['options']);
  errors.throwIfAny();
  return cmd;
}

/** Registered application commands, global ('' key) and per guild, kept with their full option definitions. */
export class CommandStore {
  constructor(private readonly hub: EmulatorHub) {}

  list(guildId: string | null): APIApplicationCommand[] {
    return this.hub.state.commands.get(guildId ?? '') ?? [];
  }

  /** Guild commands first, as a Discord client shows them in that guild. */
  find(name: string, guildId: string | null): APIApplicationCommand | undefined {
    const byName = (c: APIApplicationCommand) => c.name === name && c.type === 1;
    return (guildId ? this.list(guildId).find(byName) : undefined) ?? this.list(null).find(byName);
  }

  overwrite(guildId: string | null, bodies: unknown): APIApplicationCommand[] {
    if (!Array.isArray(bodies)) throw formError([], 'LIST_TYPE_CONVERT', 'Must be an array');
    if (bodies.length > 100) throw formError([], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    const previous = this.list(guildId);
    const next = bodies.map((body, i) => {
      const cmd = validate(body, i);
      const same = previous.find((p) => p.name === cmd.name && p.type === (cmd.type ?? 1));
      return this.normalize(cmd, guildId, same?.id);
    });
    this.save(guildId, next);
    return next;
  }

  /** POST: creates, or replaces the command of the same name and type (Discord's upsert). */
  upsert(guildId: string | null, body: unknown): { command: APIApplicationCommand; created: boolean } {
    const cmd = validate(body, null);
    const list = this.list(guildId);
    const same = list.find((p) => p.name === cmd.name && p.type === (cmd.type ?? 1));
    const command = this.normalize(cmd, guildId, same?.id);
    this.save(guildId, same ? list.map((c) => (c.id === same.id ? command : c)) : [...list, command]);
    return { command, created: !same };
  }

  get(guildId: string | null, id: string): APIApplicationCommand {
    const command = this.list(guildId).find((c) => c.id === id);
    if (!command) throw apiErrors.unknownCommand();
    return command;
  }

  edit(guildId: string | null, id: string, patch: unknown): APIApplicationCommand {
    const current = this.get(guildId, id);
    const merged = validate({ ...current, ...(patch as object) }, null);
    const command = this.normalize(merged, guildId, id);
    this.save(
      guildId,
      this.list(guildId).map((c) => (c.id === id ? command : c)),
    );
    return command;
  }

  remove(guildId: string | null, id: string): void {
    this.get(guildId, id);
    this.save(
      guildId,
      this.list(guildId).filter((c) => c.id !== id),
    );
  }

  private save(guildId: string | null, commands: APIApplicationCommand[]): void {
    this.hub.state.commands.set(guildId ?? '', commands);
    this.hub.emit('commands', { guildId, commands });
  }

  private normalize(
    cmd: Record<string, unknown>,
    guildId: string | null,
    id: string | undefined,
  ): APIApplicationCommand {
    const { state } = this.hub;
    return {
      ...(cmd as Partial<APIApplicationCommand>),
      id: id ?? state.nextId(),
      application_id: state.applicationId,
      version: state.nextId(),
      type: (cmd.type ?? 1) as APIApplicationCommand['type'],
      name: cmd.name as string,
      description: (cmd.description as string | undefined) ?? '',
      default_member_permissions: (cmd.default_member_permissions as string | null | undefined) ?? null,
      nsfw: (cmd.nsfw as boolean | undefined) ?? false,
      ...(guildId ? { guild_id: guildId } : {}),
    };
  }
}

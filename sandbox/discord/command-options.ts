import type { APIApplicationCommand, APIAttachment } from 'discord.js';
import { attachmentUrl, imageSize } from './attachments.js';
import type { EmulatorHub } from './hub.js';
import type { GuildRecord } from './state.js';
import { EmulatorUsageError } from './usage-error.js';

/** An attachment option's file, as a test or the sandbox page supplies it. */
export interface AttachmentInput {
  filename: string;
  contentType?: string;
  /** Bytes, or base64 (over HTTP). */
  data?: Uint8Array | string;
}

export type OptionValue = string | number | boolean | AttachmentInput;

export interface OptionDef {
  type: number;
  name: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: Array<{ name: string; value: string | number }>;
  options?: OptionDef[];
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
}

export type Resolved = Record<string, Record<string, unknown>>;

interface Built {
  options: object[];
  resolved: Resolved;
}

const SUBCOMMAND = 1;
const GROUP = 2;

/**
 * The `options` and `resolved` of a command interaction, typed by the registered definition the
 * way a Discord client would fill them in (and refusing what a client would not let a user send).
 */
export function buildCommandOptions(
  hub: EmulatorHub,
  command: APIApplicationCommand,
  path: readonly string[],
  values: Readonly<Record<string, OptionValue>>,
  guild: GuildRecord | undefined,
  focused?: string,
): Built {
  const resolved: Resolved = {};
  let defs = (command.options ?? []) as OptionDef[];
  const chain: OptionDef[] = [];
  for (const name of path) {
    const sub = defs.find((d) => d.name === name && (d.type === SUBCOMMAND || d.type === GROUP));
    if (!sub) throw new EmulatorUsageError(`/${command.name} has no subcommand "${name}"`);
    chain.push(sub);
    defs = sub.options ?? [];
  }
  const nested = defs.filter((d) => d.type === SUBCOMMAND || d.type === GROUP);
  if (nested.length > 0) {
    throw new EmulatorUsageError(
      `/${[command.name, ...path].join(' ')} needs one of: ${nested.map((d) => d.name).join(', ')}`,
    );
  }
  for (const name of Object.keys(values)) {
    if (!defs.some((d) => d.name === name))
      throw new EmulatorUsageError(`/${command.name} has no option "${name}"`);
  }
  const leaf = defs.flatMap((def) => {
    const value = values[def.name];
    if (value === undefined) {
      if (def.required && focused === undefined)
        throw new EmulatorUsageError(`option "${def.name}" is required`);
      return [];
    }
    if (def.name === focused) {
      if (!def.autocomplete) throw new EmulatorUsageError(`option "${def.name}" has no autocomplete`);
      return [{ name: def.name, type: def.type, value: String(value), focused: true }];
    }
    return [{ name: def.name, type: def.type, value: resolveOptionValue(hub, def, value, guild, resolved) }];
  });
  if (focused !== undefined && !leaf.some((o) => 'focused' in o)) {
    throw new EmulatorUsageError(`the focused option "${focused}" needs a value`);
  }
  const options = chain.reduceRight<object[]>(
    (inner, sub) => [{ name: sub.name, type: sub.type, options: inner }],
    leaf,
  );
  return { options, resolved };
}

/** Checks and converts one value by option type, adding users, roles, channels or files to `resolved`. */
export function resolveOptionValue(
  hub: EmulatorHub,
  def: OptionDef,
  value: OptionValue,
  guild: GuildRecord | undefined,
  resolved: Resolved,
): string | number | boolean {
  const fail = (why: string): never => {
    throw new EmulatorUsageError(`option "${def.name}": ${why}`);
  };
  const add = (kind: string, id: string, data: unknown) => {
    resolved[kind] = { ...resolved[kind], [id]: data };
  };
  const { state } = hub;
  switch (def.type) {
    case 3: {
      if (typeof value !== 'string') return fail('expects a string');
      if (value.length < (def.min_length ?? 0) || value.length > (def.max_length ?? 6000))
        fail('length out of range');
      return checkChoice(def, value, fail);
    }
    case 4:
    case 10: {
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || Number.isNaN(n) || (def.type === 4 && !Number.isInteger(n))) {
        return fail(def.type === 4 ? 'expects an integer' : 'expects a number');
      }
      if (n < (def.min_value ?? -Infinity) || n > (def.max_value ?? Infinity)) fail('value out of range');
      return checkChoice(def, n, fail);
    }
    case 5:
      if (typeof value === 'boolean') return value;
      return value === 'true' || value === 'false' ? value === 'true' : fail('expects a boolean');
    case 6:
    case 9: {
      const id = String(value);
      const role = guild?.roles.find((r) => r.id === id);
      if (def.type === 9 && role) {
        add('roles', id, role);
        return id;
      }
      const user = state.users.get(id) ?? fail(`unknown user ${id}`);
      add('users', id, user);
      if (guild?.members.has(id)) {
        add('members', id, {
          roles: guild.members.get(id),
          joined_at: guild.joinedAt,
          flags: 0,
          nick: null,
          avatar: null,
          deaf: false,
          mute: false,
          permissions: state.permissionsOf(guild, id).toString(),
        });
      }
      return id;
    }
    case 7: {
      const channel = state.channels.get(String(value)) ?? fail(`unknown channel ${String(value)}`);
      add('channels', channel.id, {
        id: channel.id,
        name: channel.name,
        type: channel.type,
        permissions: '0',
        ...('parent_id' in channel ? { parent_id: channel.parent_id } : {}),
      });
      return channel.id;
    }
    case 8: {
      const role = guild?.roles.find((r) => r.id === String(value)) ?? fail(`unknown role ${String(value)}`);
      add('roles', role.id, role);
      return role.id;
    }
    case 11:
      return typeof value === 'object' ? storeAttachment(hub, value, add) : fail('expects a file');
    default:
      return fail(`unsupported option type ${def.type}`);
  }
}

function checkChoice<T extends string | number>(def: OptionDef, value: T, fail: (why: string) => never): T {
  if (def.choices?.length && !def.choices.some((c) => c.value === value)) {
    fail(`must be one of ${def.choices.map((c) => JSON.stringify(c.value)).join(', ')}`);
  }
  return value;
}

function storeAttachment(
  hub: EmulatorHub,
  file: AttachmentInput,
  add: (kind: string, id: string, data: unknown) => void,
): string {
  const { state } = hub;
  const id = state.nextId();
  const bytes =
    typeof file.data === 'string' ? Buffer.from(file.data, 'base64') : Buffer.from(file.data ?? []);
  const contentType = file.contentType ?? 'application/octet-stream';
  state.blobs.set(id, { bytes, contentType, filename: file.filename });
  // Discord serves option attachments from the CDN under the uploading channel; any path segment works here.
  const url = attachmentUrl(hub.baseUrl(), 'ephemeral-attachments', id, file.filename);
  const size = imageSize(bytes);
  const attachment: APIAttachment = {
    id,
    filename: file.filename,
    size: bytes.length,
    url,
    proxy_url: url,
    content_type: contentType,
    ephemeral: true,
    ...(size ? { width: size.width, height: size.height } : {}),
  };
  add('attachments', id, attachment);
  return id;
}

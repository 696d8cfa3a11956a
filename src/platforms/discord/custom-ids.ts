/**
 * custom_id of every component the bot sends: `atl:<kind>:<args>`, at most 100 characters. Menus and
 * gallery pages carry a short id of state kept in memory; job buttons carry the generation id, so they
 * keep working after a restart.
 */
export type CustomId =
  | { kind: 'pick'; state: string; dimension: string }
  | { kind: 'page'; state: string; page: number }
  | { kind: 'go'; state: string }
  | { kind: 'cancel'; state: string }
  | { kind: 'gallery'; state: string; page: number }
  | { kind: 'style'; catalogId: string }
  | { kind: 'reroll'; generationId: string }
  | { kind: 'retry'; generationId: string }
  /** Delete on a finished card, then the private confirmation's Delete / Keep. */
  | { kind: 'delete' | 'delete-yes' | 'delete-keep'; generationId: string }
  | { kind: 'noop'; state: string };

const PREFIX = 'atl';

export function encodeCustomId(id: CustomId): string {
  switch (id.kind) {
    case 'pick':
      return `${PREFIX}:pick:${id.state}:${id.dimension}`;
    case 'page':
    case 'gallery':
      return `${PREFIX}:${id.kind}:${id.state}:${id.page}`;
    case 'go':
    case 'cancel':
    case 'noop':
      return `${PREFIX}:${id.kind}:${id.state}`;
    case 'style':
      return `${PREFIX}:style:${id.catalogId}`;
    case 'reroll':
    case 'retry':
    case 'delete':
    case 'delete-yes':
    case 'delete-keep':
      return `${PREFIX}:${id.kind}:${id.generationId}`;
  }
}

const page = (raw: string | undefined) => {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 100_000 ? n : undefined;
};

/** The parsed id, or undefined for anything the bot did not make (or an older format). */
export function parseCustomId(raw: string): CustomId | undefined {
  const [prefix, kind, a = '', b] = raw.split(':');
  if (prefix !== PREFIX || !a) return undefined;
  switch (kind) {
    case 'pick':
      return b ? { kind, state: a, dimension: b } : undefined;
    case 'page':
    case 'gallery': {
      const n = page(b);
      return n === undefined ? undefined : { kind, state: a, page: n };
    }
    case 'go':
    case 'cancel':
    case 'noop':
      return { kind, state: a };
    case 'style':
      return { kind, catalogId: a };
    case 'reroll':
    case 'retry':
    case 'delete':
    case 'delete-yes':
    case 'delete-keep':
      return { kind, generationId: a };
    default:
      return undefined;
  }
}

import { getTableColumns } from 'drizzle-orm';
import type { Generation } from '../../core/types.js';
import { generations } from './schema.js';

type RecordKey = keyof Generation;

/** Every field of the domain record, in the order recordJson lists them. */
const KEYS = [
  'id',
  'createdAt',
  'updatedAt',
  'platform',
  'workspaceId',
  'channelId',
  'userId',
  'messageId',
  'replyRef',
  'catalogId',
  'options',
  'extra',
  'aspect',
  'promptHash',
  'seed',
  'model',
  'promptTokens',
  'promptFit',
  'status',
  'statusDetail',
  'errorClass',
  'errorMessage',
  'attempts',
  'requestId',
  'parentId',
  'sequenceId',
  'imageKey',
  'imageUrl',
  'thumbKey',
  'thumbUrl',
  'width',
  'height',
  'bytes',
  'submittedAt',
  'startedAt',
  'finishedAt',
  'costMicros',
  'isExample',
  'nsfwAllowed',
  'deletedAt',
  'deletedBy',
] as const satisfies readonly RecordKey[];

// Compile-time check that KEYS names every field of Generation.
type Missing = Exclude<RecordKey, (typeof KEYS)[number]>;
const complete: Missing extends never ? true : Missing = true;
void complete;

const COLUMNS = getTableColumns(generations);
const BOOLEANS = new Set<RecordKey>(['isExample', 'nsfwAllowed']);

/**
 * The whole record as one JSON array column. @libsql/client turns every column of every row into two
 * property definitions and drizzle maps each again: for a 39-column row that costs more than SQLite's
 * own work. One text column parsed by JSON.parse is several times cheaper (a gallery page: ~2.6 → ~0.8
 * ms CPU). Integers stay exact (epoch ms and seeds are far below 2^53); options is embedded as JSON.
 */
const JSON_COLUMNS = new Set<RecordKey>(['options', 'promptFit']);

export const RECORD_JSON = `json_array(${KEYS.map((key) => {
  const column = `"generations"."${COLUMNS[key].name}"`;
  return JSON_COLUMNS.has(key) ? `json(${column})` : column;
}).join(', ')})`;

/** A row selected as RECORD_JSON, as the domain record. */
export function fromRecordJson(text: unknown): Generation {
  const values = JSON.parse(String(text)) as unknown[];
  const record: Record<string, unknown> = {};
  for (let i = 0; i < KEYS.length; i++) {
    const key = KEYS[i]!;
    record[key] = BOOLEANS.has(key) ? values[i] === 1 : values[i];
  }
  return record as unknown as Generation;
}

interface ColumnInfo {
  name: string;
  toDriver(value: unknown): unknown;
}

const COLUMN_INFO = new Map<string, ColumnInfo>(
  Object.entries(COLUMNS).map(([key, column]) => [
    key,
    { name: column.name, toDriver: (value: unknown) => column.mapToDriverValue(value as never) },
  ]),
);

/** SQL column name and driver value of one field of generations, for statements built by hand. */
export const columnOf = (key: string): ColumnInfo | undefined => COLUMN_INFO.get(key);

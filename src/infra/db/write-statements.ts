import type { InStatement, InValue } from '@libsql/client';
import type { GenerationPatch } from '../../core/types.js';
import { columnOf } from './record-json.js';
import type { GenerationInsert } from './schema.js';

/**
 * A job's writes as plain statements. Drizzle's query builder costs more per write than SQLite does, and
 * a job makes the same few shapes of write over and over, so each shape's SQL text is built once.
 */
const texts = new Map<string, { sql: string; keys: string[] }>();

function shapeOf(kind: string, values: object, build: (names: string[]) => string) {
  const keys = Object.keys(values).filter((k) => (values as Record<string, unknown>)[k] !== undefined);
  const signature = `${kind}:${keys.join(',')}`;
  let shape = texts.get(signature);
  if (!shape) {
    const names = keys.map((key) => {
      const column = columnOf(key);
      if (!column) throw new Error(`generations has no column for "${key}"`);
      return `"${column.name}"`;
    });
    shape = { sql: build(names), keys };
    // Shapes are a handful of fixed patches; the bound only guards against a caller gone astray.
    if (texts.size < 200) texts.set(signature, shape);
  }
  return shape;
}

function argsOf(keys: readonly string[], values: object): InValue[] {
  return keys.map((key) => {
    const value = (values as Record<string, unknown>)[key];
    return (value === null ? null : columnOf(key)!.toDriver(value)) as InValue;
  });
}

export function insertStatement(record: GenerationInsert): InStatement {
  const shape = shapeOf('insert', record, (names) => {
    const marks = names.map(() => '?').join(', ');
    return `INSERT INTO generations (${names.join(', ')}) VALUES (${marks})`;
  });
  return { sql: shape.sql, args: argsOf(shape.keys, record) };
}

/** UPDATE of the patched columns only; `returning` is the select list of the row after it, if wanted. */
export function updateStatement(id: string, patch: GenerationPatch, returning?: string): InStatement {
  const shape = shapeOf(`update:${returning ?? ''}`, patch, (names) => {
    const set = names.map((name) => `${name} = ?`).join(', ');
    return `UPDATE generations SET ${set} WHERE id = ?${returning ? ` RETURNING ${returning}` : ''}`;
  });
  return { sql: shape.sql, args: [...argsOf(shape.keys, patch), id] };
}

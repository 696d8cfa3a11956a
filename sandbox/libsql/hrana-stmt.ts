import { ProtocolError, StmtError } from './hrana-proto.js';
import { type BindValue, valueFromProto } from './hrana-values.js';
import type { SqlConnection, SqlStatement } from './sql-connection.js';
import type { HranaStream } from './stream-registry.js';

type Json = Record<string, unknown>;

/** A Hrana `Stmt` as the connection runs it: SQL (inline or stored by id) and its arguments. */
export function toStatement(raw: unknown, stream: HranaStream): SqlStatement {
  const stmt = asObject(raw);
  const sql = sqlOf(stmt, stream);
  const positional = Array.isArray(stmt.args) ? stmt.args : [];
  const named = Array.isArray(stmt.named_args) ? stmt.named_args : [];
  if (positional.length > 0 && named.length > 0) {
    throw new StmtError(
      'Specifying both positional and named arguments is not supported',
      'ARGS_BOTH_POSITIONAL_AND_NAMED',
    );
  }
  let args: SqlStatement['args'] = positional.map(valueFromProto);
  if (named.length > 0) {
    const byName: Record<string, BindValue> = {};
    for (const entry of named) {
      const { name, value } = asObject(entry);
      if (typeof name !== 'string')
        throw new ProtocolError('Cannot deserialize client message from JSON: name');
      // The driver takes names without their :, @ or $ prefix.
      byName[name.replace(/^[:@$]/, '')] = valueFromProto(value);
    }
    args = byName;
  }
  return { sql, args, wantRows: stmt.want_rows !== false };
}

export function sqlOf(req: Json, stream: HranaStream): string {
  const hasSql = typeof req.sql === 'string';
  const hasId = req.sql_id !== undefined && req.sql_id !== null;
  if (hasSql && hasId) throw new ProtocolError('Either `sql` or `sql_id` are required, but not both');
  if (hasSql) return req.sql as string;
  if (!hasId) throw new ProtocolError('Either `sql` or `sql_id` are required');
  const id = asInt(req.sql_id);
  const sql = stream.sqls.get(id);
  if (sql === undefined) throw new ProtocolError(`SQL text ${id} not found`);
  return sql;
}

export function connOf(stream: HranaStream): SqlConnection {
  if (!stream.conn) throw new ProtocolError('Stream for this baton was closed');
  return stream.conn;
}

export function notSupported(what: string): ProtocolError {
  return new ProtocolError(`${what} is only supported in protocol version hrana3 and higher`);
}

export function asObject(value: unknown): Json {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  throw new ProtocolError('Cannot deserialize client message from JSON: expected an object');
}

export function asInt(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new ProtocolError('Cannot deserialize client message from JSON: expected an integer');
}

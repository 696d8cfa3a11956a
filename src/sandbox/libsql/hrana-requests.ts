import {
  type BatchResult,
  type HranaVersion,
  type ProtoBatchCond,
  ProtocolError,
  StmtError,
  type StreamResponse,
  type StreamResult,
} from './hrana-proto.js';
import { type BindValue, valueFromProto } from './hrana-values.js';
import type { SqlConnection, SqlStatement } from './sql-connection.js';
import type { HranaStream } from './stream-registry.js';

// sqld's limits on SQL texts stored with `store_sql`.
const MAX_SQL_COUNT = 50;
const MAX_STORED_SQL_BYTES = 5_000;

type Json = Record<string, unknown>;

/**
 * Executes one request of a pipeline on its stream. SQL failures come back as `{ type: 'error' }`
 * results; a ProtocolError (malformed request, closed stream, feature of a later version) is thrown and
 * fails the whole HTTP request, as in sqld.
 */
export async function handleStreamRequest(
  stream: HranaStream,
  request: unknown,
  version: HranaVersion,
): Promise<StreamResult> {
  try {
    return { type: 'ok', response: await respond(stream, asObject(request), version) };
  } catch (error) {
    if (error instanceof StmtError) return { type: 'error', error: error.toProto() };
    throw error;
  }
}

async function respond(stream: HranaStream, req: Json, version: HranaVersion): Promise<StreamResponse> {
  switch (req.type) {
    case 'close':
      stream.conn?.close();
      stream.conn = undefined;
      return { type: 'close' };
    case 'execute':
      return { type: 'execute', result: await connOf(stream).execute(toStatement(req.stmt, stream)) };
    case 'batch':
      return { type: 'batch', result: await runBatch(stream, asObject(req.batch), version) };
    case 'sequence':
      connOf(stream).sequence(sqlOf(req, stream));
      return { type: 'sequence' };
    case 'describe':
      return { type: 'describe', result: connOf(stream).describe(sqlOf(req, stream)) };
    case 'store_sql':
      storeSql(stream, req);
      return { type: 'store_sql' };
    case 'close_sql':
      stream.sqls.delete(asInt(req.sql_id));
      return { type: 'close_sql' };
    case 'get_autocommit':
      if (version < 3) throw notSupported('The `get_autocommit` request');
      return { type: 'get_autocommit', is_autocommit: connOf(stream).isAutocommit };
    default:
      throw new ProtocolError(`Cannot deserialize client message from JSON: unknown request type`);
  }
}

/** Steps run in order; a step whose condition is false is skipped (null result and null error). */
async function runBatch(stream: HranaStream, batch: Json, version: HranaVersion): Promise<BatchResult> {
  if (!Array.isArray(batch.steps))
    throw new ProtocolError('Cannot deserialize client message from JSON: steps');
  const steps = batch.steps.map((raw: unknown, i) => {
    const step = asObject(raw);
    const cond = step.condition === undefined || step.condition === null ? undefined : step.condition;
    if (cond !== undefined) checkCond(cond, i, version);
    return { stmt: toStatement(step.stmt, stream), cond: cond as ProtoBatchCond | undefined };
  });
  const conn = connOf(stream);
  const ok: boolean[] = [];
  const result: BatchResult = { step_results: [], step_errors: [] };
  for (const step of steps) {
    if (step.cond !== undefined && !evalCond(step.cond, ok, conn)) {
      ok.push(false);
      result.step_results.push(null);
      result.step_errors.push(null);
      continue;
    }
    try {
      result.step_results.push(await conn.execute(step.stmt));
      result.step_errors.push(null);
      ok.push(true);
    } catch (error) {
      if (!(error instanceof StmtError)) throw error;
      result.step_results.push(null);
      result.step_errors.push(error.toProto());
      ok.push(false);
    }
  }
  return result;
}

function evalCond(cond: ProtoBatchCond, ok: readonly boolean[], conn: SqlConnection): boolean {
  switch (cond.type) {
    case 'ok':
      return ok[cond.step] === true;
    case 'error':
      return ok[cond.step] === false;
    case 'not':
      return !evalCond(cond.cond, ok, conn);
    case 'and':
      return cond.conds.every((c) => evalCond(c, ok, conn));
    case 'or':
      return cond.conds.some((c) => evalCond(c, ok, conn));
    case 'is_autocommit':
      return conn.isAutocommit;
  }
}

/** Validated before anything runs: conditions may only look at earlier steps. */
function checkCond(raw: unknown, stepIndex: number, version: HranaVersion): void {
  const cond = asObject(raw);
  switch (cond.type) {
    case 'ok':
    case 'error': {
      const step = asInt(cond.step);
      if (step < 0 || step >= stepIndex)
        throw new ProtocolError('Invalid reference to step in a batch condition');
      return;
    }
    case 'not':
      checkCond(cond.cond, stepIndex, version);
      return;
    case 'and':
    case 'or':
      if (!Array.isArray(cond.conds)) break;
      for (const c of cond.conds) checkCond(c, stepIndex, version);
      return;
    case 'is_autocommit':
      if (version < 3) throw notSupported('BatchCond of type `is_autocommit`');
      return;
  }
  throw new ProtocolError('BatchCond type not recognized');
}

function toStatement(raw: unknown, stream: HranaStream): SqlStatement {
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

function sqlOf(req: Json, stream: HranaStream): string {
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

function storeSql(stream: HranaStream, req: Json): void {
  const id = asInt(req.sql_id);
  if (typeof req.sql !== 'string')
    throw new ProtocolError('Cannot deserialize client message from JSON: sql');
  if (stream.sqls.has(id)) throw new ProtocolError(`SQL text ${id} already exists`);
  if (stream.sqls.size >= MAX_SQL_COUNT) {
    throw new StmtError(
      `The server already stores ${stream.sqls.size} SQL texts, it cannot store more`,
      'SQL_STORE_TOO_MANY',
    );
  }
  const bytes = Buffer.byteLength(req.sql);
  if (bytes > MAX_STORED_SQL_BYTES) {
    throw new StmtError(`The statement is too large to be stored: ${bytes} B/5.0 KB`, 'SQL_STORE_TOO_LARGE');
  }
  stream.sqls.set(id, req.sql);
}

function connOf(stream: HranaStream): SqlConnection {
  if (!stream.conn) throw new ProtocolError('Stream for this baton was closed');
  return stream.conn;
}

function notSupported(what: string): ProtocolError {
  return new ProtocolError(`${what} is only supported in protocol version hrana3 and higher`);
}

function asObject(value: unknown): Json {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  throw new ProtocolError('Cannot deserialize client message from JSON: expected an object');
}

function asInt(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new ProtocolError('Cannot deserialize client message from JSON: expected an integer');
}

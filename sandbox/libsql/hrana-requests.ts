import { runBatch } from './hrana-batch.js';
import {
  type HranaVersion,
  ProtocolError,
  StmtError,
  type StreamResponse,
  type StreamResult,
} from './hrana-proto.js';
import { asInt, asObject, connOf, notSupported, sqlOf, toStatement } from './hrana-stmt.js';
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

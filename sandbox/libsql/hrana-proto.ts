/**
 * The JSON shapes of Hrana over HTTP (sqld's `/v2/pipeline` and `/v3/pipeline`), as @libsql/hrana-client
 * 0.10 writes and reads them. Field names are the wire names (snake_case).
 */

export type ProtoValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

export interface ProtoStmt {
  sql?: string | null;
  sql_id?: number | null;
  args?: ProtoValue[];
  named_args?: { name: string; value: ProtoValue }[];
  want_rows?: boolean;
}

export type ProtoBatchCond =
  | { type: 'ok'; step: number }
  | { type: 'error'; step: number }
  | { type: 'not'; cond: ProtoBatchCond }
  | { type: 'and'; conds: ProtoBatchCond[] }
  | { type: 'or'; conds: ProtoBatchCond[] }
  | { type: 'is_autocommit' };

export interface ProtoBatch {
  steps: { condition?: ProtoBatchCond | null; stmt: ProtoStmt }[];
}

export type StreamRequest =
  | { type: 'close' }
  | { type: 'execute'; stmt: ProtoStmt }
  | { type: 'batch'; batch: ProtoBatch }
  | { type: 'sequence'; sql?: string | null; sql_id?: number | null }
  | { type: 'describe'; sql?: string | null; sql_id?: number | null }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number }
  | { type: 'get_autocommit' };

export interface PipelineRequestBody {
  baton?: string | null;
  requests: StreamRequest[];
}

export interface ProtoError {
  message: string;
  code: string;
}

export interface StmtResult {
  cols: { name: string; decltype: string | null }[];
  rows: ProtoValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
}

export interface BatchResult {
  step_results: (StmtResult | null)[];
  step_errors: (ProtoError | null)[];
}

export interface DescribeResult {
  params: { name: string | null }[];
  cols: { name: string; decltype: string | null }[];
  is_explain: boolean;
  is_readonly: boolean;
}

export type StreamResponse =
  | { type: 'close' }
  | { type: 'execute'; result: StmtResult }
  | { type: 'batch'; result: BatchResult }
  | { type: 'sequence' }
  | { type: 'describe'; result: DescribeResult }
  | { type: 'store_sql' }
  | { type: 'close_sql' }
  | { type: 'get_autocommit'; is_autocommit: boolean };

export type StreamResult = { type: 'ok'; response: StreamResponse } | { type: 'error'; error: ProtoError };

export interface PipelineResponseBody {
  baton: string | null;
  base_url: string | null;
  results: StreamResult[];
}

/** Hrana protocol version of the endpoint a pipeline came in on. */
export type HranaVersion = 2 | 3;

/**
 * A request a correct client never sends: sqld answers the whole HTTP request with 400 and a text
 * message, and the stream is gone.
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/** A statement-level failure reported in the pipeline as `{ type: 'error', error: { message, code } }`. */
export class StmtError extends Error {
  override readonly name = 'StmtError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }

  toProto(): ProtoError {
    return { message: this.message, code: this.code };
  }
}

import {
  type BatchResult,
  type HranaVersion,
  type ProtoBatchCond,
  ProtocolError,
  StmtError,
} from './hrana-proto.js';
import { asInt, asObject, connOf, notSupported, toStatement } from './hrana-stmt.js';
import type { SqlConnection } from './sql-connection.js';
import type { HranaStream } from './stream-registry.js';

type Json = Record<string, unknown>;

/** Steps run in order; a step whose condition is false is skipped (null result and null error). */
export async function runBatch(
  stream: HranaStream,
  batch: Json,
  version: HranaVersion,
): Promise<BatchResult> {
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

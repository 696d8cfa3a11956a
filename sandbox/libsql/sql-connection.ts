import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'libsql';
import { type DescribeResult, StmtError, type StmtResult } from './hrana-proto.js';
import { type BindValue, valueToProto } from './hrana-values.js';
import { scanStatement } from './sql-scan.js';

export interface SqlStatement {
  sql: string;
  args: BindValue[] | Record<string, BindValue>;
  wantRows: boolean;
}

export interface BusyPolicy {
  /** How long a statement waits for another stream's write lock before failing with SQLITE_BUSY. */
  timeoutMs: number;
  pollMs: number;
}

const SQLITE_BUSY = 5;

// Primary result code names, as sqld reports them (it drops the extended part).
const PRIMARY_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR',
  2: 'SQLITE_INTERNAL',
  3: 'SQLITE_PERM',
  4: 'SQLITE_ABORT',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY',
  9: 'SQLITE_INTERRUPT',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  15: 'SQLITE_PROTOCOL',
  17: 'SQLITE_SCHEMA',
  18: 'SQLITE_TOOBIG',
  19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH',
  21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS',
  23: 'SQLITE_AUTH',
  25: 'SQLITE_RANGE',
  26: 'SQLITE_NOTADB',
};

/**
 * One SQLite connection, as sqld gives each Hrana stream. Connections use the `libsql` engine that
 * sqld embeds (same build flags: foreign keys on by default). The driver is synchronous, so lock
 * waits are done here, asynchronously, instead of by SQLite's busy handler: a blocked statement must
 * not block the event loop that serves the stream holding the lock.
 */
export class SqlConnection {
  private db: Database.Database;
  private lastChanges: Database.Statement | undefined;

  constructor(
    private readonly file: string,
    private readonly busy: BusyPolicy,
  ) {
    this.db = new Database(file);
  }

  get isAutocommit(): boolean {
    return !this.db.inTransaction;
  }

  /** Runs one statement; waits (without blocking) while another connection holds the write lock. */
  async execute(stmt: SqlStatement): Promise<StmtResult> {
    const deadline = Date.now() + this.busy.timeoutMs;
    let prepared: Database.Statement;
    try {
      prepared = this.db.prepare(stmt.sql);
    } catch (error) {
      throw toStmtError(error);
    }
    for (;;) {
      try {
        return this.run(prepared, stmt);
      } catch (error) {
        const code = rawCode(error);
        if (code !== undefined && (code & 0xff) === SQLITE_BUSY) {
          // Plain BUSY may clear; BUSY_SNAPSHOT (517) cannot succeed by waiting, as in SQLite.
          // Re-running the same statement resets it before it steps again.
          if (code === SQLITE_BUSY && Date.now() < deadline) {
            await sleep(this.busy.pollMs);
            continue;
          }
          // This driver leaves a statement that failed busy in progress (libsql-js#228), which would
          // keep the connection from ever committing again: start over on a fresh connection, as
          // after sqld drops one (an open transaction is rolled back).
          this.reopen();
        }
        throw toStmtError(error);
      }
    }
  }

  /** Runs several statements separated by semicolons, stopping at the first error. */
  sequence(sql: string): void {
    try {
      this.db.exec(sql);
    } catch (error) {
      throw toStmtError(error);
    }
  }

  describe(sql: string): DescribeResult {
    try {
      const prepared = this.db.prepare(sql);
      const shape = scanStatement(sql);
      return {
        params: shape.params.map((name) => ({ name })),
        cols: (prepared.reader ? prepared.columns() : []).map((c) => ({ name: c.name, decltype: c.type })),
        is_explain: shape.isExplain,
        is_readonly: shape.isReadonly,
      };
    } catch (error) {
      throw toStmtError(error);
    }
  }

  /** Ends the connection; an open transaction is rolled back, as when sqld drops a stream. */
  close(): void {
    if (this.db.inTransaction) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // Closing rolls back anyway.
      }
    }
    this.db.close();
  }

  private run(prepared: Database.Statement, { sql, args, wantRows }: SqlStatement): StmtResult {
    const shape = scanStatement(sql);
    let cols: StmtResult['cols'] = [];
    let rows: StmtResult['rows'] = [];
    if (prepared.reader) {
      cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type }));
      // all() steps to the end, so a write with RETURNING completes (and commits) here.
      const raw = prepared.raw(true).safeIntegers(true).all(args) as unknown[][];
      if (wantRows) rows = raw.map((row) => row.map(valueToProto));
    } else {
      prepared.run(args);
    }
    // sqld reports changes() only for INSERT/UPDATE/DELETE (SELECT leaves it stale) and a rowid only
    // for INSERT.
    this.lastChanges ??= this.db
      .prepare('SELECT changes(), last_insert_rowid()')
      .raw(true)
      .safeIntegers(true);
    const [changes, lastRowid] = this.lastChanges.get() as [bigint, bigint];
    return {
      cols,
      rows,
      affected_row_count: shape.isIud ? Number(changes) : 0,
      last_insert_rowid: shape.isInsert ? lastRowid.toString() : null,
    };
  }

  private reopen(): void {
    this.db.close();
    this.db = new Database(this.file);
    this.lastChanges = undefined;
  }
}

function rawCode(error: unknown): number | undefined {
  const code = (error as { rawCode?: unknown }).rawCode;
  return typeof code === 'number' ? code : undefined;
}

function toStmtError(error: unknown): StmtError {
  if (error instanceof StmtError) return error;
  const code = rawCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === undefined)
    return new StmtError(`Arguments do not match SQL parameters: ${message}`, 'ARGS_INVALID');
  // sqld's wording for errors coming from SQLite.
  return new StmtError(`SQLite error: ${message}`, PRIMARY_CODES[code & 0xff] ?? 'SQLITE_UNKNOWN');
}

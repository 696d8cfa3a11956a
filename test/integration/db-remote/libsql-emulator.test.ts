import { type Client, createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type LibsqlServerEmulator,
  startLibsqlServerEmulator,
} from '../../../sandbox/libsql/libsql-emulator.js';

const TOKEN = 'test-token';

/** One raw Hrana-over-HTTP pipeline call, as @libsql/hrana-client sends it. */
async function pipeline(
  emu: LibsqlServerEmulator,
  body: { baton?: string | null; requests: unknown[] },
  options: { path?: string; token?: string | null } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${emu.url}${options.path ?? '/v2/pipeline'}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const type = res.headers.get('content-type');
  // biome-ignore lint/suspicious/noExplicitAny: protocol answers are inspected field by field.
  const json: any = type === 'application/json' ? JSON.parse(text) : undefined;
  return { status: res.status, type, text, json };
}

const exec = (sql: string, args: unknown[] = []) => ({ type: 'execute', stmt: { sql, args } });

describe('libSQL server emulator (Hrana over HTTP, JSON)', () => {
  let emu: LibsqlServerEmulator;
  const clients: Client[] = [];
  const client = (url = emu.url) => {
    const c = createClient({ url, authToken: TOKEN, intMode: 'bigint' });
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    emu = await startLibsqlServerEmulator({ authToken: TOKEN });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await emu.close();
  });

  it('is what @libsql/client 0.18 speaks for http:// and libsql://…?tls=0: POST /v2/pipeline only', async () => {
    expect((await client().execute('SELECT 1 AS one')).rows[0]?.one).toBe(1n);
    expect((await client(emu.libsqlUrl).execute('SELECT 2 AS two')).rows[0]?.two).toBe(2n);
    expect(Object.keys(emu.stats().endpoints)).toEqual(['POST /v2/pipeline']);
    expect((await fetch(`${emu.url}/v2`)).status).toBe(200);
    expect(await (await fetch(`${emu.url}/v3`)).text()).toMatch(/Hrana over HTTP/);
    // Not served, so a client probing for protobuf falls back to JSON.
    expect((await fetch(`${emu.url}/v3-protobuf`)).status).toBe(404);
  });

  it('binds and returns every value type with its SQLite type intact', async () => {
    const big = 2n ** 62n + 7n;
    const blob = new Uint8Array([0, 1, 254, 255]);
    const result = await client().execute({
      sql: 'SELECT typeof(?1) t1, ?1 v1, typeof(?2) t2, ?2 v2, typeof(?3) t3, ?3 v3, typeof(?4) t4, ?4 v4, typeof(?5) t5',
      args: [big, 2.5, 'héllo ✓', blob, null],
    });
    const row = result.rows[0]!;
    expect([row.t1, row.t2, row.t3, row.t4, row.t5]).toEqual(['integer', 'real', 'text', 'blob', 'null']);
    expect(row.v1).toBe(big);
    expect(row.v2).toBe(2.5);
    expect(row.v3).toBe('héllo ✓');
    expect(new Uint8Array(row.v4 as ArrayBuffer)).toEqual(blob);
  });

  it('reports affected rows and the rowid for writes, column decltypes, and SQLite errors by code', async () => {
    const c = client();
    await c.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)');
    const inserted = await c.execute({ sql: 'INSERT INTO t (name) VALUES (?), (?)', args: ['a', 'b'] });
    expect([inserted.rowsAffected, inserted.lastInsertRowid]).toEqual([2, 2n]);
    const selected = await c.execute('SELECT id, name FROM t ORDER BY id');
    expect(selected.columnTypes).toEqual(['INTEGER', 'TEXT']);
    expect([selected.rowsAffected, selected.lastInsertRowid]).toEqual([0, undefined]);
    await expect(c.execute("INSERT INTO t (name) VALUES ('a')")).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT',
      message: expect.stringMatching(/SQLite error: UNIQUE constraint failed/),
    });
    await expect(c.execute('SELECT * FROM missing')).rejects.toMatchObject({ code: 'SQLITE_ERROR' });
  });

  it('keeps a stream (and its transaction) across requests by baton; each baton works once', async () => {
    await pipeline(emu, { requests: [exec('CREATE TABLE t (x)'), { type: 'close' }] });
    const first = await pipeline(emu, { requests: [exec('BEGIN'), exec('INSERT INTO t VALUES (1)')] });
    expect(first.status).toBe(200);
    expect(first.json.results.map((r: { type: string }) => r.type)).toEqual(['ok', 'ok']);
    const baton: string = first.json.baton;
    expect(baton).toEqual(expect.any(String));

    const outside = await pipeline(emu, { requests: [exec('SELECT count(*) FROM t'), { type: 'close' }] });
    expect(outside.json.results[0].response.result.rows).toEqual([[{ type: 'integer', value: '0' }]]);

    const second = await pipeline(emu, { baton, requests: [exec('INSERT INTO t VALUES (2)')] });
    expect(second.status).toBe(200);
    const reused = await pipeline(emu, { baton, requests: [exec('SELECT 1')] });
    expect([reused.status, reused.type, reused.text]).toEqual([
      400,
      'text/plain',
      'Received a baton that has already been used',
    ]);
    // The stream itself is untouched: the latest baton carries on with the same transaction.
    const commit = await pipeline(emu, {
      baton: second.json.baton,
      requests: [exec('COMMIT'), { type: 'close' }],
    });
    expect(commit.json.baton).toBeNull();
    const after = await client().execute('SELECT count(*) AS n FROM t');
    expect(after.rows[0]?.n).toBe(2n);
    expect(emu.stats().openStreams).toBe(0);
  });

  it('commits a transaction carried over three requests and forgets the stream on close', async () => {
    await pipeline(emu, { requests: [exec('CREATE TABLE t (x)'), { type: 'close' }] });
    const begin = await pipeline(emu, { requests: [exec('BEGIN')] });
    const insert = await pipeline(emu, {
      baton: begin.json.baton,
      requests: [exec('INSERT INTO t VALUES (1)')],
    });
    const commit = await pipeline(emu, {
      baton: insert.json.baton,
      requests: [exec('COMMIT'), { type: 'close' }],
    });
    expect(commit.json.baton).toBeNull();
    expect((await client().execute('SELECT count(*) AS n FROM t')).rows[0]?.n).toBe(1n);
    const closed = await pipeline(emu, { baton: insert.json.baton, requests: [exec('SELECT 1')] });
    expect(closed.status).toBe(400);
  });

  it('makes a writer on another stream wait for the open write transaction, then proceed', async () => {
    const c = client();
    await c.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT)');
    const tx = await c.transaction('write');
    await tx.execute("INSERT INTO t (who) VALUES ('transaction')");
    const waiting = c.execute("INSERT INTO t (who) VALUES ('outside')");
    await tx.commit();
    await waiting;
    const rows = await c.execute('SELECT who FROM t ORDER BY id');
    expect(rows.rows.map((r) => r.who)).toEqual(['transaction', 'outside']);
  });

  it('fails a writer with SQLITE_BUSY when the lock outlasts the busy timeout, and recovers after', async () => {
    const strict = await startLibsqlServerEmulator({ busyTimeoutMs: 100 });
    const c = createClient({ url: strict.url });
    try {
      await c.execute('CREATE TABLE t (who TEXT)');
      const tx = await c.transaction('write');
      await tx.execute("INSERT INTO t VALUES ('transaction')");
      await expect(c.execute("INSERT INTO t VALUES ('refused')")).rejects.toMatchObject({
        code: 'SQLITE_BUSY',
      });
      await tx.rollback();
      await c.execute("INSERT INTO t VALUES ('later')");
      const rows = await c.execute('SELECT who FROM t');
      expect(rows.rows.map((r) => r.who)).toEqual(['later']);
    } finally {
      c.close();
      await strict.close();
    }
  });

  it('refuses pipelines without the bearer token with 401, as sqld does', async () => {
    for (const token of [null, 'wrong']) {
      const res = await pipeline(emu, { requests: [exec('SELECT 1')] }, { token });
      expect(res.status).toBe(401);
      expect(res.json.error).toMatch(/^Unauthorized: /);
    }
    expect((await pipeline(emu, { requests: [exec('SELECT 1')] })).status).toBe(200);
    expect(emu.stats().unauthorized).toBe(2);
  });

  it('answers get_autocommit and is_autocommit conditions on v3 only', async () => {
    const getAutocommit = { type: 'get_autocommit' };
    const v2 = await pipeline(emu, { requests: [getAutocommit] });
    expect(v2.status).toBe(400);
    expect(v2.text).toMatch(/only supported in protocol version hrana3/);

    const v3 = await pipeline(
      emu,
      { requests: [getAutocommit, exec('BEGIN'), getAutocommit, exec('ROLLBACK'), { type: 'close' }] },
      { path: '/v3/pipeline' },
    );
    const flags = v3.json.results
      .filter((r: { response: { type: string } }) => r.response.type === 'get_autocommit')
      .map((r: { response: { is_autocommit: boolean } }) => r.response.is_autocommit);
    expect(flags).toEqual([true, false]);
  });

  it('runs batch steps by their conditions and executes stored SQL by id', async () => {
    const res = await pipeline(emu, {
      requests: [
        { type: 'store_sql', sql_id: 1, sql: 'SELECT ?' },
        {
          type: 'batch',
          batch: {
            steps: [
              { stmt: { sql: 'SELECT * FROM missing' } },
              { condition: { type: 'ok', step: 0 }, stmt: { sql: 'SELECT 1' } },
              {
                condition: { type: 'error', step: 0 },
                stmt: { sql_id: 1, args: [{ type: 'text', value: 'x' }] },
              },
            ],
          },
        },
        { type: 'close' },
      ],
    });
    const { step_results, step_errors } = res.json.results[1].response.result;
    expect(step_errors[0]).toMatchObject({ code: 'SQLITE_ERROR' });
    expect(step_results[1]).toBeNull();
    expect(step_errors[1]).toBeNull();
    expect(step_results[2].rows).toEqual([[{ type: 'text', value: 'x' }]]);

    const forward = await pipeline(emu, {
      requests: [
        {
          type: 'batch',
          batch: { steps: [{ condition: { type: 'ok', step: 0 }, stmt: { sql: 'SELECT 1' } }] },
        },
      ],
    });
    expect([forward.status, forward.text]).toEqual([400, 'Invalid reference to step in a batch condition']);
  });

  it('fails the whole pipeline on a malformed request and drops the stream with its transaction', async () => {
    await pipeline(emu, { requests: [exec('CREATE TABLE t (x)'), { type: 'close' }] });
    const open = await pipeline(emu, {
      requests: [exec('BEGIN IMMEDIATE'), exec('INSERT INTO t VALUES (1)')],
    });
    const bad = await pipeline(emu, { baton: open.json.baton, requests: [{ type: 'execute', stmt: {} }] });
    expect([bad.status, bad.text]).toEqual([400, 'Either `sql` or `sql_id` are required']);
    // The write lock went with the stream: another writer gets through at once, and row 1 is gone.
    const c = client();
    await c.execute('INSERT INTO t VALUES (2)');
    expect((await c.execute('SELECT x FROM t')).rows.map((r) => r.x)).toEqual([2n]);
    expect(emu.stats().protocolErrors).toBe(1);
  });

  it('expires an idle stream, rolling back its transaction and freeing the write lock', async () => {
    const quick = await startLibsqlServerEmulator({ streamExpiryMs: 50 });
    try {
      const noToken = { token: null };
      await pipeline(quick, { requests: [exec('CREATE TABLE t (x)'), { type: 'close' }] }, noToken);
      const open = await pipeline(
        quick,
        { requests: [exec('BEGIN IMMEDIATE'), exec('INSERT INTO t VALUES (1)')] },
        noToken,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const late = await pipeline(quick, { baton: open.json.baton, requests: [exec('COMMIT')] }, noToken);
      expect(late.status).toBe(500);
      expect(late.json).toEqual({
        message: 'The stream has expired due to inactivity',
        code: 'STREAM_EXPIRED',
      });
      const write = await pipeline(
        quick,
        { requests: [exec('INSERT INTO t VALUES (2)'), exec('SELECT x FROM t')] },
        noToken,
      );
      expect(write.json.results[1].response.result.rows).toEqual([[{ type: 'integer', value: '2' }]]);
    } finally {
      await quick.close();
    }
  });
});

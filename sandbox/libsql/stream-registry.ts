import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ProtocolError } from './hrana-proto.js';
import type { SqlConnection } from './sql-connection.js';

/** A Hrana stream: one connection plus the SQL texts stored on it, tied across requests by batons. */
export interface HranaStream {
  readonly id: bigint;
  /** Sequence number the next baton must carry: each baton works once, so requests are sequential. */
  seq: bigint;
  /** Undefined once the client sent `close`. */
  conn: SqlConnection | undefined;
  readonly sqls: Map<number, string>;
}

/** The stream was dropped after sitting idle (sqld: 10 s); answered with 500 and `STREAM_EXPIRED`. */
export class StreamExpiredError extends Error {
  override readonly name = 'StreamExpiredError';
  readonly code = 'STREAM_EXPIRED';
  constructor() {
    super('The stream has expired due to inactivity');
  }
}

export interface StreamRegistryOptions {
  openConnection(): SqlConnection;
  expiryMs: number;
}

type Handle =
  | { state: 'available'; stream: HranaStream; timer: NodeJS.Timeout }
  | { state: 'acquired' }
  | { state: 'expired' };

// How long an expired stream's id is remembered, for "expired" rather than "invalid baton" errors.
const EXPIRED_MEMORY_MS = 300_000;

/** Streams by id, with sqld's baton format: base64 (no padding) of id, seq (u64 BE each) and an HMAC. */
export class StreamRegistry {
  private readonly handles = new Map<bigint, Handle>();
  private readonly key = randomBytes(32);
  private opened = 0;
  private closed = false;

  constructor(private readonly options: StreamRegistryOptions) {}

  /** A new stream (no baton) or the one the baton names, taken out of circulation until released. */
  acquire(baton: string | null | undefined): HranaStream {
    if (baton === null || baton === undefined) {
      const stream: HranaStream = {
        id: this.freshId(),
        seq: randomBytes(8).readBigUInt64BE(),
        conn: this.options.openConnection(),
        sqls: new Map(),
      };
      this.opened += 1;
      this.handles.set(stream.id, { state: 'acquired' });
      return stream;
    }
    const { id, seq } = this.decodeBaton(baton);
    const handle = this.handles.get(id);
    if (!handle) throw new ProtocolError('Received an invalid baton');
    if (handle.state === 'expired') throw new StreamExpiredError();
    if (handle.state === 'acquired' || handle.stream.seq !== seq) {
      throw new ProtocolError('Received a baton that has already been used');
    }
    clearTimeout(handle.timer);
    const { stream } = handle;
    stream.seq = BigInt.asUintN(64, stream.seq + 1n);
    this.handles.set(id, { state: 'acquired' });
    return stream;
  }

  /** Puts the stream back and returns the baton for the next request, or null when it was closed. */
  release(stream: HranaStream): string | null {
    if (this.closed) stream.conn?.close();
    if (!stream.conn || this.closed) {
      stream.conn = undefined;
      this.handles.delete(stream.id);
      return null;
    }
    const timer = setTimeout(() => this.expire(stream), this.options.expiryMs);
    timer.unref();
    this.handles.set(stream.id, { state: 'available', stream, timer });
    return this.encodeBaton(stream.id, stream.seq);
  }

  /** Drops a stream after a protocol error, rolling back whatever it had open. */
  discard(stream: HranaStream): void {
    stream.conn?.close();
    stream.conn = undefined;
    this.handles.delete(stream.id);
  }

  /** Streams currently open (available or in a request). */
  get openCount(): number {
    let n = 0;
    for (const handle of this.handles.values()) if (handle.state !== 'expired') n += 1;
    return n;
  }

  get openedTotal(): number {
    return this.opened;
  }

  closeAll(): void {
    this.closed = true;
    for (const handle of this.handles.values()) {
      if (handle.state !== 'available') continue;
      clearTimeout(handle.timer);
      handle.stream.conn?.close();
    }
    this.handles.clear();
  }

  private expire(stream: HranaStream): void {
    const handle = this.handles.get(stream.id);
    if (handle?.state !== 'available' || handle.stream !== stream) return;
    stream.conn?.close();
    stream.conn = undefined;
    this.handles.set(stream.id, { state: 'expired' });
    setTimeout(() => this.handles.delete(stream.id), EXPIRED_MEMORY_MS).unref();
  }

  private freshId(): bigint {
    for (;;) {
      const id = randomBytes(8).readBigUInt64BE();
      if (!this.handles.has(id)) return id;
    }
  }

  private mac(payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(payload).digest();
  }

  private encodeBaton(id: bigint, seq: bigint): string {
    const payload = Buffer.alloc(16);
    payload.writeBigUInt64BE(id, 0);
    payload.writeBigUInt64BE(seq, 8);
    return Buffer.concat([payload, this.mac(payload)])
      .toString('base64')
      .replace(/=+$/, '');
  }

  private decodeBaton(baton: string): { id: bigint; seq: bigint } {
    const data = Buffer.from(baton, 'base64');
    if (data.length !== 48) throw new ProtocolError('Received an invalid baton');
    const payload = data.subarray(0, 16);
    if (!timingSafeEqual(data.subarray(16), this.mac(payload))) {
      throw new ProtocolError('Received an invalid baton');
    }
    return { id: payload.readBigUInt64BE(0), seq: payload.readBigUInt64BE(8) };
  }
}

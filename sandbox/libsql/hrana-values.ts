import { ProtocolError, type ProtoValue } from './hrana-proto.js';

/** What the `libsql` driver binds: bigint → INTEGER, number → REAL, as sqld binds Hrana values. */
export type BindValue = null | bigint | number | string | Buffer;

export function valueFromProto(value: unknown): BindValue {
  if (typeof value !== 'object' || value === null) throw new ProtocolError('Value type not recognized');
  const v = value as Record<string, unknown>;
  switch (v.type) {
    case 'null':
      return null;
    case 'integer':
      // Integers travel as decimal strings so 64-bit values survive JSON.
      if (typeof v.value !== 'string' || !/^-?\d+$/.test(v.value)) break;
      return BigInt(v.value);
    case 'float':
      if (typeof v.value !== 'number') break;
      return v.value;
    case 'text':
      if (typeof v.value !== 'string') break;
      return v.value;
    case 'blob':
      if (typeof v.base64 !== 'string') break;
      return Buffer.from(v.base64, 'base64');
  }
  throw new ProtocolError(`Cannot deserialize client message from JSON: invalid value ${JSON.stringify(v)}`);
}

/** Encodes a column value read with safe integers on (so INTEGER comes back as bigint, REAL as number). */
export function valueToProto(value: unknown): ProtoValue {
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'bigint') return { type: 'integer', value: value.toString() };
  if (typeof value === 'number') return { type: 'float', value };
  if (typeof value === 'string') return { type: 'text', value };
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    return { type: 'blob', base64: Buffer.from(value).toString('base64') };
  }
  throw new Error(`libsql emulator: unexpected column value of type ${typeof value}`);
}

import { randomBytes, randomUUID } from 'node:crypto';

export interface NowSource {
  now(): number;
}

/**
 * Slack-looking identifiers. Counters keep ids short, readable and unique per emulator;
 * message timestamps are "seconds.micros" strings that only ever increase, as Slack's do.
 */
export class IdFactory {
  #counters = new Map<string, number>();
  #lastTsMicros = 0n;

  constructor(private readonly clock: NowSource) {}

  /** e.g. `V0000000A1` for prefix V: the prefix, then a base-36 counter padded to 9. */
  next(prefix: string): string {
    const n = (this.#counters.get(prefix) ?? 0) + 1;
    this.#counters.set(prefix, n);
    return `${prefix}${n.toString(36).toUpperCase().padStart(9, '0')}`;
  }

  /** A message timestamp such as "1732190000.000100". */
  ts(): string {
    const nowMicros = BigInt(Math.floor(this.clock.now())) * 1000n;
    this.#lastTsMicros = nowMicros > this.#lastTsMicros ? nowMicros : this.#lastTsMicros + 1n;
    return formatTs(this.#lastTsMicros);
  }

  /** Shaped like Slack's "13345224609.738474920.8088930838d88f008e0". */
  triggerId(): string {
    const n = this.next('trigger').slice('trigger'.length);
    return `${Number.parseInt(n, 36) + 1_000_000_000}.${Math.floor(this.clock.now() / 1000)}.${randomBytes(16).toString('hex')}`;
  }

  /** Unguessable tokens for response URLs, upload URLs and socket tickets. */
  secret(): string {
    return randomUUID();
  }
}

export function isTs(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,12}\.\d{1,6}$/.test(value);
}

export function formatTs(micros: bigint): string {
  const seconds = micros / 1_000_000n;
  const rest = micros % 1_000_000n;
  return `${seconds}.${rest.toString().padStart(6, '0')}`;
}

/** Orders Slack timestamps numerically (string comparison breaks when the seconds gain a digit). */
export function compareTs(a: string, b: string): number {
  const [as = '0', af = '0'] = a.split('.');
  const [bs = '0', bf = '0'] = b.split('.');
  const diff =
    BigInt(as) * 1_000_000n +
    BigInt(af.padEnd(6, '0')) -
    (BigInt(bs) * 1_000_000n + BigInt(bf.padEnd(6, '0')));
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

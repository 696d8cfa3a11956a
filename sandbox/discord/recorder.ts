import type { CallFilter, RecordedCall } from './types.js';

const matches = (value: string, pattern: string | RegExp, exact: boolean) =>
  typeof pattern === 'string' ? (exact ? value === pattern : value.includes(pattern)) : pattern.test(value);

export function callMatches(call: RecordedCall, filter: CallFilter): boolean {
  if (filter.method && call.method !== filter.method.toUpperCase()) return false;
  if (filter.status !== undefined && call.status !== filter.status) return false;
  if (filter.after !== undefined && call.seq <= filter.after) return false;
  if (filter.path !== undefined && !matches(call.path, filter.path, false)) return false;
  if (filter.route !== undefined) {
    const template = call.route.slice(call.route.indexOf(' ') + 1);
    const hit = matches(call.route, filter.route, true) || matches(template, filter.route, true);
    if (!hit) return false;
  }
  return true;
}

/** Keeps the most recent REST calls (bounded, so long benchmark runs do not grow without end). */
export class CallRecorder {
  private readonly calls: RecordedCall[] = [];
  private seq = 0;

  constructor(private readonly max: number) {}

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  add(call: RecordedCall): void {
    this.calls.push(call);
    if (this.calls.length > this.max) this.calls.splice(0, this.calls.length - this.max);
  }

  list(filter: CallFilter = {}): RecordedCall[] {
    return this.calls.filter((call) => callMatches(call, filter));
  }

  /** Seq of the latest call, to pass as `after` later. */
  lastSeq(): number {
    return this.seq;
  }

  clear(): void {
    this.calls.length = 0;
  }
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignedHeaders } from './types.js';

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:${timestamp}:${rawBody}`. */
export function computeSignature(signingSecret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

export function signRequest(signingSecret: string, body: string, timestampSec: number): SignedHeaders {
  return {
    'x-slack-signature': computeSignature(signingSecret, timestampSec, body),
    'x-slack-request-timestamp': String(timestampSec),
  };
}

/** The check a receiver makes (used by the emulator's own tests and by anyone faking a receiver). */
export function verifySignature(
  signingSecret: string,
  headers: { signature?: string; timestamp?: string },
  body: string,
  nowMs: number,
  toleranceSec = 300,
): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts)) return false;
  if (Math.abs(Math.floor(nowMs / 1000) - ts) > toleranceSec) return false;
  const expected = Buffer.from(computeSignature(signingSecret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

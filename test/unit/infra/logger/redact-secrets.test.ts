import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/infra/logger.js';
import { redactSecrets } from '../../../../src/infra/redact-secrets.js';

const DISCORD_TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpYWFhYWFhYWFhYWFhY_-Zz9';
const SLACK_SECRET = 'Bq4jDBew4S7U1kw9jNd17OX';

/** Hostile or ordinary strings that hold a secret, and what must survive of them. */
const CASES: ReadonlyArray<[string, string]> = [
  [
    `https://discord.com/api/v10/interactions/1579643383658450944/${DISCORD_TOKEN}/callback?with_response=true`,
    'https://discord.com/api/v10/interactions/1579643383658450944/[redacted]/callback?with_response=true',
  ],
  [
    `PATCH /api/v10/webhooks/1579643332735406080/${DISCORD_TOKEN}/messages/%40original`,
    'PATCH /api/v10/webhooks/1579643332735406080/[redacted]/messages/%40original',
  ],
  [
    `https://discord.com/api/webhooks/123/${DISCORD_TOKEN}`,
    'https://discord.com/api/webhooks/123/[redacted]',
  ],
  [
    `https://hooks.slack.com/commands/T0001/8052936162345/${SLACK_SECRET}`,
    'https://hooks.slack.com/commands/T0001/[redacted]',
  ],
  [
    `https://hooks.slack.com/actions/T0001/8052936162345/${SLACK_SECRET}?x=1`,
    'https://hooks.slack.com/actions/T0001/[redacted]?x=1',
  ],
  [
    `https://hooks.slack.com/services/T0001/B0001/${SLACK_SECRET}`,
    'https://hooks.slack.com/services/T0001/[redacted]',
  ],
  [
    `https://bot.example.com/admin?token=${SLACK_SECRET}&range=7d`,
    'https://bot.example.com/admin?token=[redacted]&range=7d',
  ],
  [
    `https://bot.example.com/gallery?p=discord&u=1&exp=2&sig=${SLACK_SECRET}`,
    'https://bot.example.com/gallery?p=discord&u=1&exp=2&sig=[redacted]',
  ],
  [
    `https://r2.example/b/k.png?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=${SLACK_SECRET}`,
    'https://r2.example/b/k.png?X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]',
  ],
  [
    `https://queue.fal.run/fal-ai/flux?fal_key=${SLACK_SECRET}`,
    'https://queue.fal.run/fal-ai/flux?fal_key=[redacted]',
  ],
  [
    `connect to redis://:${SLACK_SECRET}@cache:6379 failed`,
    'connect to redis://[redacted]@cache:6379 failed',
  ],
  [`Authorization: Key 1234abcd-5678:${SLACK_SECRET}`, 'Authorization: Key [redacted]'],
  [`token xoxb-1234-5678-${SLACK_SECRET} revoked`, 'token [redacted] revoked'],
];

describe('redactSecrets', () => {
  it.each(CASES)('%s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('leaves text without secrets alone', () => {
    const plain = 'GET /media/images/2026/01/abc.png 200 · Key Visual · /channels/123/messages/456';
    expect(redactSecrets(plain)).toBe(plain);
  });
});

describe('createLogger', () => {
  it('takes tokens out of an error’s url, message and stack, nested fields and child bindings', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const url = `https://discord.com/api/v10/interactions/1/${DISCORD_TOKEN}/callback`;
    const error = Object.assign(new Error(`request to ${url} failed`), { url, method: 'POST' });
    const log = createLogger('info', sink).child({
      responseUrl: `https://hooks.slack.com/commands/T1/2/${SLACK_SECRET}`,
    });
    log.error({ err: error, request: { target: url } }, `callback failed: ${url}`);

    const text = lines.join('');
    expect(text).not.toContain(DISCORD_TOKEN);
    expect(text).not.toContain(SLACK_SECRET);
    const line = JSON.parse(text) as { err: { url: string; message: string }; msg: string };
    expect(line.err.url).toBe('https://discord.com/api/v10/interactions/1/[redacted]/callback');
    expect(line.err.message).toContain('/interactions/1/[redacted]/callback');
    expect(line.msg).toContain('/interactions/1/[redacted]/callback');
  });
});

import { isValidSlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { computeSignature, signRequest, verifySignature } from '../../../../sandbox/slack/signing.js';

const SECRET = 'shhh';
const BODY = 'token=x&command=%2Fgenerate&text=a+red+fox';

describe('Slack request signing', () => {
  it('produces signatures that Bolt accepts', () => {
    const now = 1_732_190_000_000;
    const ts = now / 1000;
    const headers = signRequest(SECRET, BODY, ts);
    const accepted = isValidSlackRequest({
      signingSecret: SECRET,
      body: BODY,
      headers: { 'x-slack-signature': headers['x-slack-signature'], 'x-slack-request-timestamp': ts },
      nowMilliseconds: now,
    });
    expect(accepted).toBe(true);
  });

  it('is the v0 HMAC-SHA256 of v0:timestamp:body (Slack documentation example)', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(computeSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('rejects a tampered body, a wrong secret and a stale timestamp', () => {
    const now = 1_732_190_000_000;
    const ts = now / 1000;
    const good = signRequest(SECRET, BODY, ts);
    const headers = { signature: good['x-slack-signature'], timestamp: good['x-slack-request-timestamp'] };
    expect(verifySignature(SECRET, headers, BODY, now)).toBe(true);
    expect(verifySignature(SECRET, headers, `${BODY}&x=1`, now)).toBe(false);
    expect(verifySignature('other', headers, BODY, now)).toBe(false);
    expect(verifySignature(SECRET, headers, BODY, now + 301_000)).toBe(false);
  });
});

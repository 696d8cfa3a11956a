/**
 * POST /slack/events takes only bodies Bolt parses into an object. Bolt's HTTPReceiver reads
 * `body.ssl_check` of whatever JSON.parse returned, outside any try and in a promise nobody awaits: one
 * signed `null` ended the whole bot (Discord and the web server with it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsesToObject } from '../../../src/platforms/slack/event-body.js';
import { ART, MAYA, type SlackBotFixture, startSlackBotFixture } from '../../helpers/slack-bot-fixture.js';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

describe('Slack event bodies that are not objects', () => {
  let f: SlackBotFixture;
  const now = () => Math.floor(Date.now() / 1000);
  const signed = (body: string, contentType: string) =>
    f.slack.deliverRaw({ body, headers: { 'content-type': contentType, ...f.slack.sign(body, now()) } });

  beforeAll(async () => {
    f = await startSlackBotFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('refuses signed null, arrays, numbers, strings and non-object form payloads with 400, and keeps serving', async () => {
    const jobs = await f.countJobs();
    const hostile: Array<[string, string]> = [
      ['null', JSON_TYPE],
      ['[]', JSON_TYPE],
      ['[{"type":"url_verification"}]', JSON_TYPE],
      ['7', JSON_TYPE],
      ['"ssl_check"', JSON_TYPE],
      ['true', JSON_TYPE],
      ['payload=null', FORM],
      ['payload=%5B1%5D', FORM],
      ['payload=42', FORM],
      ['not json', JSON_TYPE],
    ];
    for (const [body, type] of hostile) {
      const answer = await signed(body, type);
      expect(answer.status, `${type} ${body}`).toBe(400);
    }
    // Unsigned, the same: refused before anything reads it.
    expect((await f.slack.deliverRaw({ body: 'null' })).status).toBe(400);

    // Still alive and still Slack's: a real signed command right after is taken.
    const command = new URLSearchParams({
      team_id: f.slack.team.id,
      channel_id: ART,
      user_id: MAYA,
      command: '/generate',
      text: 'style:comic-book pose:waving outfit:explorer footwear:hiking-boots prop:torch frame:hero',
      api_app_id: f.slack.bot.appId,
      trigger_id: '1.2.3',
      response_url: `${f.slack.url}/_response/none`,
    }).toString();
    expect((await signed(command, FORM)).status).toBe(200);
    await f.until(async () => (await f.countJobs()) === jobs + 1);
  });

  it('hands Bolt the bytes it read: url_verification (JSON) is still answered after the check', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 't' });
    const answer = await signed(body, JSON_TYPE);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ challenge: 'c-123' });
  });

  it('answers 413 past Bolt’s 4 MB limit without handing it the body', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(4 * 1024 * 1024) });
    expect((await signed(body, JSON_TYPE)).status).toBe(413);
  });

  it('follows Bolt’s own parse: only an exact form content type is a form', () => {
    expect(parsesToObject(Buffer.from('a=1&b=2'), FORM)).toBe(true);
    expect(parsesToObject(Buffer.from('payload=%7B%22type%22%3A%22block_actions%22%7D'), FORM)).toBe(true);
    // With parameters Bolt JSON-parses the body (and answers 400 itself): not an object either way.
    expect(parsesToObject(Buffer.from('a=1'), `${FORM}; charset=utf-8`)).toBe(false);
    expect(parsesToObject(Buffer.from('{"a":1}'), undefined)).toBe(true);
  });
});

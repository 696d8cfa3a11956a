import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../../sandbox/slack/index.js';
import { ART, MAYA, type SlackBotFixture, startSlackBotFixture } from '../../helpers/slack-bot-fixture.js';

const FORM = 'application/x-www-form-urlencoded';

describe('Slack request signatures on POST /slack/events', () => {
  let f: SlackBotFixture;
  let body: string;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    f = await startSlackBotFixture();
    body = new URLSearchParams({
      token: 'verification',
      team_id: f.slack.team.id,
      channel_id: ART,
      user_id: MAYA,
      command: '/generate',
      text: 'style:comic-book pose:waving outfit:explorer footwear:hiking-boots prop:torch frame:hero',
      api_app_id: f.slack.bot.appId,
      trigger_id: '1.2.3',
      response_url: `${f.slack.url}/_response/none`,
    }).toString();
  });
  afterAll(async () => {
    await f?.close();
  });

  const send = (headers: Record<string, string>, payload = body) =>
    f.slack.deliverRaw({ body: payload, headers: { 'content-type': FORM, ...headers } });

  it('refuses forged, stale, tampered and unsigned requests with 401 and records nothing', async () => {
    const jobs = await f.countJobs();
    const posts = f.slack.callsTo('chat.postMessage').length;
    const forged = await send({ ...signRequest('not-the-secret', body, now()) });
    const stale = await send({ ...f.slack.sign(body, now() - 6 * 60) });
    const tampered = await send({ ...f.slack.sign(body, now()) }, body.replace('comic-book', 'pixel-art'));
    const unsigned = await send({});
    expect([forged.status, stale.status, tampered.status, unsigned.status]).toEqual([401, 401, 401, 401]);
    expect(await f.countJobs()).toBe(jobs);
    expect(f.slack.callsTo('chat.postMessage')).toHaveLength(posts);
  });

  it('accepts the same request correctly signed (the refusals above were about the signature)', async () => {
    const jobs = await f.countJobs();
    const accepted = await send({ ...f.slack.sign(body, now()) });
    expect(accepted.status).toBe(200);
    await f.until(async () => (await f.countJobs()) === jobs + 1);
  });
});

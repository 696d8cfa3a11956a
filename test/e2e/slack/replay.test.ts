import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bot, startBot } from '../../../src/compose.js';
import { parseConfig } from '../../../src/config.js';
import { type CaptureProxy, startCaptureProxy } from '../../helpers/capture-proxy.js';
import { canRunRedisTests, type RedisServer, startRedis } from '../../helpers/redis.js';
import { ART, MAYA, type SlackBotFixture, startSlackBotFixture } from '../../helpers/slack-bot-fixture.js';

const GENERATE = 'style:comic-book pose:waving outfit:explorer footwear:hiking-boots prop:torch frame:hero';
const OTHER = 'style:comic-book pose:flexing outfit:explorer footwear:hiking-boots prop:torch frame:hero';

/**
 * Runs /generate through the capture proxy and waits until its job message is final: returns the signed
 * request as it went over the wire.
 */
async function capturedGenerate(f: SlackBotFixture, proxy: CaptureProxy) {
  const before = new Set(f.botMessages().map((m) => m.ts));
  await f.slack.slashCommand({ userId: MAYA, channelId: ART, command: '/generate', text: GENERATE });
  const message = await f.until(() => f.botMessages().find((m) => !before.has(m.ts)));
  await f.finalMessage(ART, message.ts);
  const request = proxy.captured.at(-1);
  if (!request?.headers['x-slack-signature']) throw new Error('no signed request was captured');
  return request;
}

/**
 * A fresh command sent after the replays and waited for until final. The bot handles commands in arrival
 * order, so by the time this one's job is done, a replay that got through would have made its job too.
 */
async function freshCommandDone(f: SlackBotFixture) {
  const before = new Set(f.botMessages().map((m) => m.ts));
  await f.slack.slashCommand({ userId: MAYA, channelId: ART, command: '/generate', text: OTHER });
  const message = await f.until(() => f.botMessages().find((m) => !before.has(m.ts)));
  await f.finalMessage(ART, message.ts);
}

describe('replayed Slack requests (a captured signed request sent again within the 5-minute window)', () => {
  let f: SlackBotFixture;
  let proxy: CaptureProxy;
  let botUrl: string;

  beforeAll(async () => {
    f = await startSlackBotFixture();
    botUrl = f.slack.eventsUrl ?? '';
    proxy = await startCaptureProxy(() => botUrl);
    f.slack.setEventsUrl(proxy.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await f?.close();
  });

  it('a signed /generate sent 3 more times makes one job, one fal submit and one message', async () => {
    const request = await capturedGenerate(f, proxy);
    expect(await f.countJobs()).toBe(1);
    const ephemerals = f.slack.ephemerals(MAYA).length;
    for (let i = 0; i < 3; i++) {
      const replay = await f.slack.deliverRaw({ body: request.body, headers: request.headers, url: botUrl });
      // What Slack expects for a duplicate: 200 with an empty body.
      expect(replay).toMatchObject({ status: 200, body: '' });
    }
    await freshCommandDone(f);
    expect(await f.countJobs()).toBe(2);
    expect(f.fal.stats().submits).toBe(2);
    expect(f.botMessages()).toHaveLength(2);
    expect(f.slack.ephemerals(MAYA)).toHaveLength(ephemerals);
  });
});

describe.skipIf(!canRunRedisTests())('replayed Slack requests across replicas sharing REDIS_URL', () => {
  let redis: RedisServer;
  let f: SlackBotFixture;
  let second: Bot;
  let proxy: CaptureProxy;
  let firstUrl: string;
  let secondUrl: string;

  beforeAll(async () => {
    redis = await startRedis();
    f = await startSlackBotFixture({ env: { REDIS_URL: redis.url } });
    // Another replica: same Slack app, database, storage and Redis; its own HTTP port.
    second = await startBot(parseConfig(f.env), pino({ level: 'silent' }), {
      limiterId: `slack-replica-${Date.now()}-${Math.random()}`,
    });
    firstUrl = f.slack.eventsUrl ?? '';
    secondUrl = `http://127.0.0.1:${second.port}/slack/events`;
    proxy = await startCaptureProxy(() => firstUrl);
    f.slack.setEventsUrl(proxy.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await second?.close(5_000).catch(() => {});
    await f?.close();
    await redis?.stop();
  });

  it('a request handled by one replica is dropped by the other (and by itself) when replayed', async () => {
    const request = await capturedGenerate(f, proxy);
    for (const url of [secondUrl, secondUrl, firstUrl]) {
      const replay = await f.slack.deliverRaw({ body: request.body, headers: request.headers, url });
      expect(replay).toMatchObject({ status: 200, body: '' });
    }
    // The fresh command goes to the replica that got most replays.
    f.slack.setEventsUrl(secondUrl);
    await freshCommandDone(f);
    expect(await f.countJobs()).toBe(2);
    expect(f.fal.stats().submits).toBe(2);
    expect(f.botMessages()).toHaveLength(2);
  });
});

/**
 * The Discord emulator and the bot against Discord's published contract, over one representative session
 * (discord-scenario.ts): every request the bot sent against the v10 OpenAPI spec and the documented limits,
 * every answer and gateway dispatch the emulator sent against the spec, the docs' field tables and the
 * docs' examples. Allow-lists below say, per field, why we differ on purpose.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall, RecordedDispatch } from '../../sandbox/discord/index.js';
import type { DiscordBotFixture } from '../helpers/discord-bot-fixture.js';
import { DOC_ALLOW, exampleRules, SHAPE_OF_EVENT, SPEC_ALLOW } from './discord-allow.js';
import { BOT_ROUTES, NOT_IN_SCENARIO, routesInSource } from './discord-routes.js';
import { runDiscordScenario } from './discord-scenario.js';
import { compareWithDocs } from './lib/discord-doc-shapes.js';
import { checkMessageLimits, messageOf } from './lib/discord-limits.js';
import { checkRequest, checkResponse, specRoute } from './lib/discord-spec.js';
import { formatProblems, withoutAllowed } from './lib/problem.js';
import { compareWithSample } from './lib/sample-compare.js';

const example = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./samples/discord/${name}.json`, import.meta.url), 'utf8'));

describe('Discord conformance (the bot and the emulator against discord-api-spec and discord-api-docs)', () => {
  let f: DiscordBotFixture;
  let calls: RecordedCall[];
  let dispatches: RecordedDispatch[];

  beforeAll(async () => {
    f = await runDiscordScenario();
    calls = f.discord.calls();
    dispatches = f.discord.dispatches();
  }, 60_000);
  afterAll(async () => {
    await f?.close();
  });

  it('sends only documented routes, query parameters and request bodies, within the spec’s limits', () => {
    const problems = calls.flatMap((c) =>
      checkRequest({ method: c.method, path: c.path, query: c.query, body: c.body }),
    );
    expect(calls.length).toBeGreaterThan(50);
    expect(formatProblems(withoutAllowed(problems, SPEC_ALLOW))).toBe('');
  });

  it('keeps every message within the documented limits the spec leaves out (content, embed totals, rows)', () => {
    const problems = calls.flatMap((c) => {
      const message = messageOf(c.method, c.route, c.body);
      return message ? checkMessageLimits(message, `${c.method} ${c.path}`) : [];
    });
    expect(formatProblems(problems)).toBe('');
  });

  it('answers every request with the documented status and body (no invented or missing fields)', () => {
    const problems = calls.flatMap((c) =>
      checkResponse({ method: c.method, path: c.path, status: c.status, response: c.response }),
    );
    expect(formatProblems(withoutAllowed(problems, SPEC_ALLOW))).toBe('');
  });

  it('dispatches gateway events shaped as the docs’ field tables say', () => {
    const problems = dispatches.flatMap((d) => {
      const shape = SHAPE_OF_EVENT[d.event];
      if (shape === null) return [];
      if (shape === undefined)
        return [
          { where: d.event, message: 'no documented shape to check it against', source: 'SHAPE_OF_EVENT' },
        ];
      return compareWithDocs(d.data, shape, d.event, { allow: DOC_ALLOW });
    });
    const seen = new Set(dispatches.map((d) => d.event));
    for (const event of ['READY', 'GUILD_CREATE', 'INTERACTION_CREATE', 'MESSAGE_REACTION_ADD'])
      expect(seen).toContain(event);
    expect(formatProblems(problems)).toBe('');
  });

  it('sends what the docs’ examples show, key for key and type for type', () => {
    const data = (event: string) =>
      dispatches.filter((d) => d.event === event).map((d) => d.data as Record<string, unknown>);
    const guild = data('GUILD_CREATE')[0] ?? {};
    const slash = data('INTERACTION_CREATE').find((i) => i.type === 2 && i.guild_id);
    const responses = (route: string) =>
      calls.filter((c) => c.route === route && c.status < 300).map((c) => c.response);
    const pairs: Array<[string, unknown]> = [
      ['interaction-slash-command', slash],
      ['guild', guild],
      ['guild-member', (guild.members as unknown[] | undefined)?.[0]],
      ['user', data('READY')[0]?.user],
      ['channel-guild-text', (guild.channels as unknown[] | undefined)?.[0]],
      ['message', responses('PATCH /webhooks/:applicationId/:token/messages/:messageId')[0]],
      ['channel-dm', responses('POST /users/@me/channels')[0]],
      ['channel-thread', responses('POST /channels/:channelId/messages/:messageId/threads')[0]],
      ['gateway-bot', responses('GET /gateway/bot')[0]],
    ];
    const problems = pairs.flatMap(([name, actual]) =>
      actual === undefined
        ? [{ where: name, message: 'the scenario recorded no such payload', source: 'discord-scenario.ts' }]
        : compareWithSample(actual, example(name), name, exampleRules(name)),
    );
    expect(readdirSync(new URL('./samples/discord/', import.meta.url)).sort()).toEqual(
      pairs.map(([name]) => `${name}.json`).sort(),
    );
    expect(formatProblems(problems)).toBe('');
  });

  it('exercises every route the bot uses (grep of src/platforms/discord), each a route of the spec', () => {
    const used = routesInSource();
    expect([...used.keys()].sort()).toEqual(Object.keys(BOT_ROUTES).sort());
    const exercised = new Set(calls.map((c) => specRoute(c.method, c.path)));
    const missing = Object.values(BOT_ROUTES)
      .flat()
      .filter((route) => !exercised.has(route) && NOT_IN_SCENARIO[route] === undefined);
    expect(missing).toEqual([]);
  });
});

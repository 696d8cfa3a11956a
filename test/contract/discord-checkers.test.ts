/**
 * The conformance suite's Discord checkers can say no (discord-conformance.test.ts and slack-conformance.test.ts
 * run them over a recorded session): each is fed known-bad input, one drift at a time, and must name the
 * problem; known-good input it must accept. Pure: no bot, no emulator process. Bad requests go through the
 * suite's allow-list too, so an entry that would hide them fails here.
 */
import { describe, expect, it } from 'vitest';
import { renderJobMessage } from '../../src/platforms/discord/render/job-message.js';
import { restBody } from '../../src/platforms/discord/render/outgoing.js';
import { renderJobCard } from '../../src/platforms/shared/job-card.js';
import { DOC_ALLOW, exampleRules, SPEC_ALLOW } from './discord-allow.js';
import { emulatorGuildCreate, goodInteraction, goodReady } from './lib/checker-fixtures.js';
import { compareWithDocs } from './lib/discord-doc-shapes.js';
import { checkMessageLimits, messageOf } from './lib/discord-limits.js';
import { checkRequest, checkResponse } from './lib/discord-spec.js';
import { expectProblem, type Json, sample } from './lib/expect-problem.js';
import { formatProblems, withoutAllowed } from './lib/problem.js';
import { compareWithSample } from './lib/sample-compare.js';
import { catalog, renderCases } from './render-contract.js';

const POST_MESSAGE = { method: 'POST', path: '/channels/1100000000000000001/messages' };
/** The request checker as the suite runs it: the spec, then the suite's allow-list. */
const requestProblems = (body: unknown, call = POST_MESSAGE) =>
  withoutAllowed(checkRequest({ ...call, body }), SPEC_ALLOW);
const row = (...components: Json[]) => ({ type: 1, components });
const button = (customId: string) => ({ type: 2, style: 2, label: 'Re-roll', custom_id: customId });

describe('Discord request checker (discord-api-spec, closed schemas)', () => {
  it('accepts the bodies the bot renders for every job card state, as channel messages and webhook edits', () => {
    const bodies = renderCases.map((c) =>
      restBody(renderJobMessage(renderJobCard(catalog, c.generation, c.update))),
    );
    const edit = { method: 'PATCH', path: '/webhooks/1100000000000000002/tok/messages/@original' };
    const problems = bodies.flatMap((b) => [...requestProblems(b), ...requestProblems(b, edit)]);
    expect(bodies.some((b) => b.components.length > 0 && b.embeds.length > 0)).toBe(true);
    expect(formatProblems(problems)).toBe('');
  });

  it('reports a button custom_id of 101 characters', () => {
    const problems = requestProblems({ content: 'x', components: [row(button('r'.repeat(101)))] });
    expectProblem(problems, 'body/components/0/components/0/custom_id', 'more than 100 characters');
    expect(requestProblems({ content: 'x', components: [row(button('r'.repeat(100)))] })).toEqual([]);
  });

  it('reports a body field the spec does not define', () => {
    expectProblem(
      requestProblems({ contentt: 'hello' }),
      'body/',
      'has "contentt", which the spec does not define',
    );
  });

  it('reports an embed title of 257 characters', () => {
    expectProblem(
      requestProblems({ embeds: [{ title: 't'.repeat(257) }] }),
      'body/embeds/0/title',
      'more than 256',
    );
  });

  it('reports 26 select options', () => {
    const options = Array.from({ length: 26 }, (_, i) => ({ label: `Style ${i}`, value: `s${i}` }));
    const select = { type: 3, custom_id: 'style', options };
    expectProblem(
      requestProblems({ components: [row(select)] }),
      'body/components/0/components/0/options',
      'more than 25 items',
    );
    expect(requestProblems({ components: [row({ ...select, options: options.slice(0, 25) })] })).toEqual([]);
  });

  it('excuses discord.js’s numeric attachment ids only, not an invented attachment field', () => {
    expect(requestProblems({ content: 'x', attachments: [{ id: 0, filename: 'a.png' }] })).toEqual([]);
    const problems = requestProblems({
      content: 'x',
      attachments: [{ id: 0, filename: 'a.png', spoiler: true }],
    });
    expectProblem(problems, 'body/attachments/0', 'has "spoiler", which the spec does not define');
  });

  it('reports a route or method the spec does not have', () => {
    const call = { method: 'PATCH', path: '/channels/1100000000000000001/messages' };
    expectProblem(requestProblems({ content: 'x' }, call), 'PATCH /channels/', 'no such route in the spec');
  });

  it('reports a query parameter the route does not document', () => {
    const problems = checkRequest({ ...POST_MESSAGE, query: { wait: 'true' }, body: { content: 'x' } });
    expectProblem(problems, 'POST /channels/', 'query parameter "wait" is not documented');
  });
});

describe('Discord response checker (the emulator’s answers against discord-api-spec)', () => {
  const gateway = sample('discord/gateway-bot');
  const answer = (response: unknown, status = 200) =>
    withoutAllowed(checkResponse({ method: 'GET', path: '/gateway/bot', status, response }), SPEC_ALLOW);
  const { url: _url, ...withoutUrl } = gateway;

  it('accepts the docs’ example and reports a missing field, an invented one, a wrong type and status', () => {
    expect(formatProblems(answer(gateway))).toBe('');
    expectProblem(answer(withoutUrl), 'response/', "must have required property 'url'");
    expectProblem(
      answer({ ...gateway, region: 'eu' }),
      'response/',
      'has "region", which the spec does not define',
    );
    expectProblem(answer({ ...gateway, shards: 'nine' }), 'response/shards', 'must match pattern');
    expectProblem(answer(gateway, 302), 'GET /gateway/bot → 302', 'status 302 is not documented');
  });
});

describe('Discord message limits the spec leaves out (discord-api-docs)', () => {
  const limits = (body: Json, route = 'POST /channels/:channelId/messages') => {
    const message = messageOf(route.split(' ')[0] ?? '', route, body);
    return message ? checkMessageLimits(message, route) : [];
  };

  it('reports content of 2,001 characters (the spec allows 4,000; the docs 2,000)', () => {
    expect(requestProblems({ content: 'c'.repeat(2001) })).toEqual([]);
    expectProblem(limits({ content: 'c'.repeat(2001) }), '.content', 'has 2001 characters (limit 2,000)');
    expect(limits({ content: 'c'.repeat(2000) })).toEqual([]);
  });

  it('reports embeds totalling over 6,000 characters, each embed within its own limits', () => {
    const embed = { title: 't'.repeat(256), description: 'd'.repeat(2800) };
    const body = { embeds: [embed, embed] };
    expect(requestProblems(body)).toEqual([]);
    expectProblem(limits(body), '.embeds', 'hold 6112 characters in all (limit 6,000)');
  });

  it('reports 6 action rows (legacy messages allow 5)', () => {
    const body = { components: Array.from({ length: 6 }, (_, i) => row(button(`b${i}`))) };
    expectProblem(limits(body), '.components', 'has 6 action rows (limit 5)');
    expect(limits({ components: body.components.slice(0, 5) })).toEqual([]);
  });

  it('reports a button without a custom_id (the spec leaves it optional for link buttons’ sake)', () => {
    const bare = { type: 2, style: 2, label: 'Re-roll' };
    expect(requestProblems({ components: [row(bare)] })).toEqual([]);
    expectProblem(limits({ components: [row(bare)] }), '.components[0].components[0]', 'without a custom_id');
    const link = { type: 2, style: 5, label: 'Open', url: 'https://example.com/' };
    expect(limits({ components: [row(link)] })).toEqual([]);
  });

  it('finds the message in an interaction callback (types 4 and 7) and in webhook edits', () => {
    const big = { content: 'c'.repeat(2001) };
    const callback = 'POST /interactions/:interactionId/:token/callback';
    expectProblem(limits({ type: 4, data: big }, callback), '.content', 'limit 2,000');
    expectProblem(limits({ type: 7, data: big }, callback), '.content', 'limit 2,000');
    expectProblem(
      limits(big, 'PATCH /webhooks/:applicationId/:token/messages/:messageId'),
      '.content',
      'limit 2,000',
    );
  });
});

describe('Discord payload checkers (discord-api-docs field tables and examples)', () => {
  const docs = (value: unknown, shape: string) => compareWithDocs(value, shape, shape, { allow: DOC_ALLOW });
  const without = (value: Json, key: string) =>
    Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));

  it('accepts a complete INTERACTION_CREATE, GUILD_CREATE (the emulator’s own) and READY', () => {
    expect(formatProblems(docs(goodInteraction(), 'interaction'))).toBe('');
    expect(formatProblems(docs(emulatorGuildCreate(), 'guild-create'))).toBe('');
    expect(formatProblems(docs(goodReady(), 'ready'))).toBe('');
  });

  it('INTERACTION_CREATE: reports a missing field, an invented one and a wrong JSON type', () => {
    expectProblem(
      docs(without(goodInteraction(), 'entitlements'), 'interaction'),
      'interaction.entitlements',
      'is missing',
    );
    expectProblem(
      docs({ ...goodInteraction(), shiny: true }, 'interaction'),
      'interaction.shiny',
      'is not a documented field',
    );
    expectProblem(
      docs({ ...goodInteraction(), version: '1' }, 'interaction'),
      'interaction.version',
      'is string; the docs say integer',
    );
    expectProblem(docs({ ...goodInteraction(), token: null }, 'interaction'), 'interaction.token', 'is null');
  });

  it('INTERACTION_CREATE: judges enum and object types too (interaction type, dictionaries)', () => {
    expectProblem(
      docs({ ...goodInteraction(), type: '2' }, 'interaction'),
      'interaction.type',
      'is string; the docs say interaction type',
    );
    const owners = { ...goodInteraction(), authorizing_integration_owners: ['290926798626357999'] };
    expectProblem(docs(owners, 'interaction'), 'interaction.authorizing_integration_owners', 'is array');
  });

  it('INTERACTION_CREATE: follows nested objects (member.user)', () => {
    const interaction = goodInteraction();
    const member = interaction.member as Json;
    const bad = { ...interaction, member: { ...member, user: { ...(member.user as Json), id: 42 } } };
    expectProblem(
      docs(bad, 'interaction'),
      'interaction.member.user.id',
      'is number; the docs say snowflake',
    );
  });

  it('GUILD_CREATE: reports a missing field, an invented one and a wrong JSON type', () => {
    const guild = emulatorGuildCreate();
    expectProblem(
      docs(without(guild, 'member_count'), 'guild-create'),
      'guild-create.member_count',
      'is missing',
    );
    expectProblem(
      docs({ ...guild, presences_everywhere: [] }, 'guild-create'),
      'guild-create.presences_everywhere',
      'not a documented field',
    );
    expectProblem(
      docs({ ...guild, large: 'no' }, 'guild-create'),
      'guild-create.large',
      'is string; the docs say boolean',
    );
  });

  it('READY: reports a missing field, an invented one and a wrong JSON type', () => {
    expectProblem(
      docs(without(goodReady(), 'resume_gateway_url'), 'ready'),
      'ready.resume_gateway_url',
      'is missing',
    );
    expectProblem(
      docs({ ...goodReady(), heartbeat: 1 }, 'ready'),
      'ready.heartbeat',
      'not a documented field',
    );
    expectProblem(
      docs({ ...goodReady(), guilds: {} }, 'ready'),
      'ready.guilds',
      'is object; the docs say array',
    );
  });

  it('docs examples: a payload lacking an example’s key or typing it otherwise is reported', () => {
    const example = sample('discord/interaction-slash-command');
    const compare = (actual: unknown) =>
      compareWithSample(actual, example, 'example', exampleRules('interaction-slash-command'));
    expect(formatProblems(compare(goodInteraction()))).toBe('');
    expectProblem(compare(without(goodInteraction(), 'guild_locale')), 'guild_locale', 'is missing');
    expectProblem(
      compare({ ...goodInteraction(), app_permissions: 442368 }),
      'app_permissions',
      'is number; the recorded payload has string',
    );
  });
});

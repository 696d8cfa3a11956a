/**
 * The Slack emulator and the bot against Slack's published contract, over one representative session
 * (slack-scenario.ts): every Web API call against the method's arguments (node-slack-sdk's request types)
 * and Block Kit's limits; every answer and every delivered payload against java-slack-sdk's recorded ones.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackBotFixture } from '../helpers/slack-bot-fixture.js';
import { formatProblems } from './lib/problem.js';
import { compareWithSample } from './lib/sample-compare.js';
import { checkArgs, checkBlocks, documentedMethods } from './lib/slack-checks.js';
import {
  answerRules,
  methodsInSource,
  NOT_IN_SCENARIO,
  payloadRules,
  SAMPLE_OF_KIND,
} from './slack-allow.js';
import { runSlackScenario } from './slack-scenario.js';

const sample = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./samples/slack/${name}.json`, import.meta.url), 'utf8'));
const SAMPLES = 'java-slack-sdk json-logs/samples';

describe('Slack conformance (the bot and the emulator against node-slack-sdk, Block Kit and java-slack-sdk)', () => {
  let f: SlackBotFixture;

  beforeAll(async () => {
    f = await runSlackScenario();
  }, 60_000);
  afterAll(async () => {
    await f?.close();
  });

  it('calls each method with its documented arguments only', () => {
    const problems = f.slack.calls.flatMap((c) => checkArgs(c.method, c.args));
    expect(formatProblems(problems)).toBe('');
  });

  it('keeps every message, ephemeral, response_url body and modal within Block Kit’s limits', () => {
    const problems = [
      ...f.slack.calls.flatMap((c) =>
        c.method === 'views.open'
          ? checkBlocks((c.args.view as { blocks?: unknown } | undefined)?.blocks, 'modal', c.method)
          : checkBlocks(c.args.blocks, 'message', c.method),
      ),
      ...f.slack.responses().flatMap((r) => checkBlocks(r.body.blocks, 'message', 'response_url')),
    ];
    expect(f.slack.calls.some((c) => Array.isArray(c.args.blocks))).toBe(true);
    expect(formatProblems(problems)).toBe('');
  });

  it('answers each call as Slack does (java-slack-sdk’s recorded answers: no invented field, none missing)', () => {
    const problems = f.slack.calls
      .filter((c) => c.response?.ok === true)
      .flatMap((c) => compareWithSample(c.response, sample(c.method), c.method, answerRules(c.method)));
    expect(formatProblems(problems)).toBe('');
  });

  it('delivers commands, actions, submissions and events shaped as java-slack-sdk recorded them', () => {
    const delivered = f.slack.deliveries.filter((d) => d.payload);
    const problems = delivered.flatMap((d) => {
      const payload = d.payload ?? {};
      const name = SAMPLE_OF_KIND(d.kind, payload);
      if (!name) return [{ where: d.kind, message: 'no recorded sample to compare with', source: SAMPLES }];
      return compareWithSample(payload, sample(name), name, payloadRules(name));
    });
    expect(new Set(delivered.map((d) => d.kind))).toEqual(
      new Set(['slash_command', 'block_actions', 'view_submission', 'event']),
    );
    expect(formatProblems(problems)).toBe('');
  });

  it('exercises every method the bot calls (grep of src/platforms/slack), each with documented arguments', () => {
    const used = methodsInSource();
    expect(used.filter((m) => !documentedMethods().includes(m))).toEqual([]);
    const called = new Set(f.slack.calls.map((c) => c.method));
    expect(used.filter((m) => !called.has(m) && NOT_IN_SCENARIO[m] === undefined)).toEqual([]);
  });
});

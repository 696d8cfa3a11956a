/**
 * The conformance suite's Slack checkers can say no (discord-conformance.test.ts and slack-conformance.test.ts
 * run them over a recorded session): each is fed known-bad input, one drift at a time, and must name the
 * problem; known-good input it must accept. Pure: no bot, no emulator process.
 */
import { describe, expect, it } from 'vitest';
import { renderJobCard } from '../../src/platforms/shared/job-card.js';
import { linkedImage, renderJobMessage } from '../../src/platforms/slack/blocks/job-blocks.js';
import { expectProblem, type Json, sample } from './lib/expect-problem.js';
import { formatProblems } from './lib/problem.js';
import { compareWithSample } from './lib/sample-compare.js';
import { checkArgs, checkBlocks } from './lib/slack-checks.js';
import { catalog, renderCases } from './render-contract.js';
import { payloadRules } from './slack-allow.js';

describe('Slack Web API arguments (node-slack-sdk request types)', () => {
  it('accepts chat.postMessage as the bot sends it, and reports an unknown and a missing argument', () => {
    expect(checkArgs('chat.postMessage', { channel: 'C1', text: 'hi', blocks: [] })).toEqual([]);
    expectProblem(
      checkArgs('chat.postMessage', { channel: 'C1', text: 'hi', colour: 'red' }),
      'chat.postMessage',
      'sends "colour"',
    );
    expectProblem(
      checkArgs('chat.postMessage', { text: 'hi' }),
      'chat.postMessage',
      'lacks the required "channel"',
    );
    expectProblem(
      checkArgs('chat.postMessage', { channel: 'C1' }),
      'chat.postMessage',
      'needs one of text | blocks',
    );
    expectProblem(
      checkArgs('views.open', { view: {} }),
      'views.open',
      'needs one of trigger_id | interactivity_pointer',
    );
    expectProblem(
      checkArgs('chat.scheduleMessage', { channel: 'C1' }),
      'chat.scheduleMessage',
      'not a method the suite knows',
    );
  });
});

describe('Slack Block Kit limits (docs.slack.dev/reference/block-kit)', () => {
  const message = (blocks: unknown) => checkBlocks(blocks, 'message', 'chat.postMessage');
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const option = (text: string, value = 'v') => ({ text: { type: 'plain_text', text }, value });
  const select = (options: Json[]) => ({
    type: 'actions',
    elements: [{ type: 'static_select', action_id: 'style', options }],
  });
  const image = (url: string) => ({ type: 'image', image_url: url, alt_text: 'a cat' });

  it('accepts the job messages the bot renders for every card state', () => {
    const rendered = renderCases.map((c) => {
      const card = renderJobCard(catalog, c.generation, c.update);
      return renderJobMessage(card, linkedImage(card));
    });
    const problems = rendered.flatMap((m) => [
      ...checkArgs('chat.postMessage', { channel: 'C1', ...m }),
      ...message(m.blocks),
    ]);
    expect(rendered.some((m) => m.blocks.some((b) => b.type === 'image'))).toBe(true);
    expect(formatProblems(problems)).toBe('');
  });

  it('reports 51 blocks in a message (a modal may have 100)', () => {
    const blocks = Array.from({ length: 51 }, () => section('x'));
    expectProblem(message(blocks), '.blocks', 'block count is 51 (limit 50)');
    expect(checkBlocks(blocks, 'modal', 'views.open')).toEqual([]);
    expect(message(blocks.slice(0, 50))).toEqual([]);
  });

  it('reports a section text of 3,001 characters', () => {
    expectProblem(
      message([section('s'.repeat(3001))]),
      '.blocks[0].text',
      'section text length is 3001 (limit 3000)',
    );
    expect(message([section('s'.repeat(3000))])).toEqual([]);
  });

  it('reports an option text of 76 characters and 101 options in a static_select', () => {
    expectProblem(
      message([select([option('o'.repeat(76))])]),
      '.options[0].text',
      'option text length is 76 (limit 75)',
    );
    const many = Array.from({ length: 101 }, (_, i) => option(`Style ${i}`, `s${i}`));
    expectProblem(
      message([select(many)]),
      '.blocks[0].elements[0].options',
      'option count is 101 (limit 100)',
    );
    expect(message([select(many.slice(0, 100))])).toEqual([]);
  });

  it('reports an image that is not PNG, JPEG or GIF (by extension), or lacks alt_text', () => {
    expectProblem(
      message([image('https://media.example.com/t/abc.webp')]),
      '.image_url',
      'is not a PNG, JPEG or GIF',
    );
    expectProblem(
      message([image('https://media.example.com/t/abc')]),
      '.image_url',
      'is not a PNG, JPEG or GIF',
    );
    expectProblem(message([image('/t/abc.png')]), '.image_url', 'is not a URL');
    expectProblem(
      message([{ type: 'image', image_url: 'https://m.example.com/a.png' }]),
      '.alt_text',
      'is missing',
    );
    expectProblem(
      message([{ type: 'image', alt_text: 'a' }]),
      '.blocks[0]',
      'exactly one of image_url and slack_file',
    );
    const context = {
      type: 'context',
      elements: [{ type: 'image', image_url: 'https://m.example.com/a.webp', alt_text: 'a' }],
    };
    expectProblem(message([context]), '.elements[0].image_url', 'is not a PNG, JPEG or GIF');
    expect(
      message([image('https://media.example.com/t/abc.JPG?sig=1'), image('https://m.example.com/a.gif')]),
    ).toEqual([]);
    expect(message([{ type: 'image', slack_file: { id: 'F1' }, alt_text: 'a' }])).toEqual([]);
  });

  it('reads blocks sent as JSON text as Slack does', () => {
    expectProblem(message(JSON.stringify([section('s'.repeat(3001))])), '.blocks[0].text', 'limit 3000');
  });
});

describe('Slack payloads against java-slack-sdk’s recorded samples', () => {
  const recorded = sample('slack/SlashCommandPayload');
  const compare = (payload: Json) =>
    compareWithSample(payload, recorded, 'SlashCommandPayload', payloadRules('SlashCommandPayload'));
  /** As the emulator's slashCommandPayload sends it: form fields, all strings. */
  const command: Json = {
    token: 'verification-token',
    team_id: 'T1',
    team_domain: 'atelier',
    channel_id: 'C1',
    channel_name: 'general',
    user_id: 'U1',
    user_name: 'mason',
    command: '/generate',
    text: '',
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: 'https://hooks.slack.com/commands/T1/1/x',
    trigger_id: '1.2.3',
  };

  it('accepts a slash command shaped as Slack sends it', () => {
    expect(formatProblems(compare(command))).toBe('');
  });

  it('reports a field Slack always sends that is missing, an invented one, and a wrong JSON type', () => {
    const { trigger_id: _dropped, ...withoutTrigger } = command;
    expectProblem(compare(withoutTrigger), 'trigger_id', 'is missing; the recorded payload has it');
    expectProblem(
      compare({ ...command, channel_type: 'channel' }),
      'channel_type',
      'is not in the recorded payload',
    );
    expectProblem(compare({ ...command, text: 42 }), 'text', 'is number; the recorded payload has string');
  });
});

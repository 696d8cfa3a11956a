import { describe, expect, it } from 'vitest';
import { validateBlocks } from '../../../../sandbox/slack/blocks.js';
import { renderJobCard } from '../../../../src/platforms/shared/job-card.js';
import { renderJobMessage } from '../../../../src/platforms/slack/blocks/job-blocks.js';
import { escapeWithin } from '../../../../src/platforms/slack/blocks/mrkdwn.js';
import { contractGeneration } from '../../../contract/render-contract.js';

const done = contractGeneration({
  status: 'done',
  imageUrl: 'http://127.0.0.1:3999/media/x.png',
  finishedAt: contractGeneration().createdAt + 2_500,
});

describe('renderJobMessage', () => {
  it('shows an uploaded image through slack_file when given a file id', () => {
    const card = renderJobCard(undefined, done, { kind: 'done', reused: false });
    const { blocks } = renderJobMessage(card, { slackFileId: 'F0123' });
    expect(blocks.find((b) => b.type === 'image')).toMatchObject({ slack_file: { id: 'F0123' } });
    expect(validateBlocks(blocks, { maxBlocks: 50, pointer: '/blocks' })).toEqual([]);
  });

  it('shows no image block before the job is done, even with an image at hand', () => {
    const card = renderJobCard(undefined, done, { kind: 'storing' });
    expect(
      renderJobMessage(card, { imageUrl: 'https://x/y.png' }).blocks.some((b) => b.type === 'image'),
    ).toBe(false);
  });

  it('puts the generation id in the re-roll button and mentions the requester', () => {
    const card = renderJobCard(undefined, done, { kind: 'done', reused: false });
    const json = JSON.stringify(renderJobMessage(card, undefined).blocks);
    expect(json).toContain(`"value":"${done.id}"`);
    expect(json).toContain('requested by <@U0CONTRACT>');
  });

  it('does not turn a non-Slack user id into markup', () => {
    const card = renderJobCard(undefined, { ...done, userId: 'cli>user' }, { kind: 'done', reused: false });
    expect(JSON.stringify(renderJobMessage(card, undefined).blocks)).toContain('requested by cli&gt;user');
  });

  it('escapes the fallback text too', () => {
    const card = renderJobCard(undefined, { ...done, catalogId: '<!here>' }, { kind: 'done', reused: false });
    expect(renderJobMessage(card, undefined).text).toContain('&lt;!here&gt;');
  });
});

describe('escapeWithin', () => {
  it('never cuts an entity in half and stays within the limit', () => {
    const text = '<'.repeat(100);
    const out = escapeWithin(text, 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out).toMatch(/^(&lt;)+…$/);
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeBlocks, validateBlocks } from '../../../../sandbox/slack/blocks.js';
import { buildStateValues } from '../../../../sandbox/slack/view-state.js';

const limits = { maxBlocks: 50, pointer: '/blocks' };
const option = (value: string) => ({ text: { type: 'plain_text', text: value.toUpperCase() }, value });

describe('validateBlocks', () => {
  it('accepts ordinary message blocks', () => {
    const blocks = [
      { type: 'section', text: { type: 'mrkdwn', text: 'hi' } },
      { type: 'image', image_url: 'https://example.com/a.png', alt_text: 'a' },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' }, action_id: 'go' }],
      },
    ];
    expect(validateBlocks(blocks, limits)).toEqual([]);
  });

  it('reports the limits Slack enforces with json pointers', () => {
    const select = {
      type: 'static_select',
      action_id: 's',
      options: Array.from({ length: 101 }, (_, i) => option(`o${i}`)),
    };
    const errors = validateBlocks(
      [
        { type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } },
        { type: 'image', image_url: 'https://example.com/a.png' },
        { type: 'section', block_id: 'dup', text: { type: 'mrkdwn', text: 'a' }, accessory: select },
        { type: 'divider', block_id: 'dup' },
        { type: 'carousel' },
      ],
      limits,
    );
    expect(errors).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
      '[ERROR] must provide alt_text [json-pointer:/blocks/1/alt_text]',
      '[ERROR] must provide no more than 100 items [json-pointer:/blocks/2/accessory/options]',
      "[ERROR] block_id 'dup' already exists [json-pointer:/blocks/3/block_id]",
      '[ERROR] unsupported type [json-pointer:/blocks/4/type]',
    ]);
    expect(
      validateBlocks(
        Array.from({ length: 51 }, () => ({ type: 'divider' })),
        limits,
      ),
    ).toHaveLength(1);
  });

  it('gives blocks and elements the ids Slack would add', () => {
    let n = 0;
    const [block] = normalizeBlocks(
      [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'x' } }] }],
      () => `id${++n}`,
    );
    expect(block).toEqual({
      type: 'actions',
      block_id: 'id1',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'x' }, action_id: 'id2' }],
    });
  });
});

describe('buildStateValues', () => {
  const blocks = [
    {
      type: 'input',
      block_id: 'style',
      label: {},
      element: { type: 'static_select', action_id: 'pick', options: [option('noir'), option('pop')] },
    },
    {
      type: 'input',
      block_id: 'tags',
      label: {},
      element: { type: 'multi_static_select', action_id: 'tags', options: [option('a'), option('b')] },
    },
    {
      type: 'input',
      block_id: 'prompt',
      label: {},
      element: { type: 'plain_text_input', action_id: 'text', initial_value: 'owl' },
    },
    { type: 'actions', block_id: 'buttons', elements: [{ type: 'button', action_id: 'go', text: {} }] },
  ];

  it('shapes values per element type, with initial values and nulls for the rest', () => {
    expect(buildStateValues(blocks, { pick: 'pop', tags: ['a', 'b'] })).toEqual({
      style: { pick: { type: 'static_select', selected_option: option('pop') } },
      tags: { tags: { type: 'multi_static_select', selected_options: [option('a'), option('b')] } },
      prompt: { text: { type: 'plain_text_input', value: 'owl' } },
    });
    expect(buildStateValues(blocks, { prompt: 'fox' }).style?.pick).toEqual({
      type: 'static_select',
      selected_option: null,
    });
    expect(buildStateValues(blocks, { prompt: 'fox' }).prompt?.text).toEqual({
      type: 'plain_text_input',
      value: 'fox',
    });
  });

  it('refuses option values and element ids that are not in the view', () => {
    expect(() => buildStateValues(blocks, { pick: 'baroque' })).toThrow(/no option with value "baroque"/);
    expect(() => buildStateValues(blocks, { nope: 'x' })).toThrow(/nope/);
  });
});

import { describe, expect, it } from 'vitest';
import { validateBlocks } from '../../../../sandbox/slack/blocks.js';
import { loadCatalogs } from '../../../../src/core/catalog/load-catalogs.js';
import type { Catalog } from '../../../../src/core/catalog/schema.js';
import { UserError } from '../../../../src/core/errors.js';
import {
  buildGenerateModal,
  modalErrors,
  readGenerateSubmission,
} from '../../../../src/platforms/slack/blocks/generate-modal.js';

const catalogs = await loadCatalogs();
const catalog = catalogs.get('capitao-caverna');

type Input = {
  type: string;
  block_id: string;
  element: { options?: Array<{ value: string }>; initial_option?: unknown };
};

describe('generate modal', () => {
  it('has one static select per dimension, preselecting what was given, within Slack limits', () => {
    const view = buildGenerateModal({
      catalog,
      given: { pose: 'waving' },
      extra: 'at dawn',
      seed: 7,
      aspect: 'portrait',
      channelId: 'C0ART00001',
    });
    const inputs = (view.blocks as unknown as Input[]).filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.block_id)).toEqual([
      ...catalog.dimensions.map((d) => `dim:${d.id}`),
      'prompt',
    ]);
    expect(inputs[1]!.element.initial_option).toMatchObject({ value: 'waving' });
    expect(inputs[0]!.element.initial_option).toBeUndefined();
    expect(validateBlocks(view.blocks, { maxBlocks: 100, pointer: '/view/blocks' })).toEqual([]);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
  });

  it('caps a dimension with more than 100 options at 100 (Slack’s static_select limit)', () => {
    const big: Catalog = {
      ...catalog,
      dimensions: [
        {
          ...catalog.dimensions[0]!,
          options: Array.from({ length: 130 }, (_, i) => ({
            id: `o-${i}`,
            label: `Option ${i} with a label far longer than Slack allows for an option text`,
            description: 'd',
            prompt: 'p',
          })),
        },
      ],
    };
    const view = buildGenerateModal({
      catalog: big,
      given: {},
      extra: undefined,
      seed: undefined,
      aspect: undefined,
      channelId: 'C1',
    });
    expect((view.blocks[1] as unknown as Input).element.options).toHaveLength(100);
    expect(validateBlocks(view.blocks, { maxBlocks: 100, pointer: '/view/blocks' })).toEqual([]);
  });

  it('reads a submission back: channel, catalog, seed and aspect from the metadata, choices from the state', () => {
    const view = buildGenerateModal({
      catalog,
      given: {},
      extra: undefined,
      seed: 7,
      aspect: 'portrait',
      channelId: 'C0ART00001',
    });
    const submission = readGenerateSubmission({
      private_metadata: view.private_metadata!,
      state: {
        values: {
          'dim:style': { value: { selected_option: { value: 'watercolor' } } },
          'dim:pose': { value: { selected_option: null } },
          prompt: { value: { value: '  by the sea ' } },
        },
      },
    });
    expect(submission).toEqual({
      channelId: 'C0ART00001',
      catalogId: 'capitao-caverna',
      options: { style: 'watercolor' },
      extra: 'by the sea',
      seed: 7,
      aspect: 'portrait',
    });
  });

  it('refuses a submission whose metadata was tampered with', () => {
    expect(() => readGenerateSubmission({ private_metadata: '{"ch":1}', state: { values: {} } })).toThrow(
      UserError,
    );
  });

  it('shows a problem next to the dimension it is about, else next to the free text', () => {
    expect(modalErrors(new UserError('unknown_option', 'nope', { field: 'pose' }), catalog)).toEqual({
      'dim:pose': 'nope',
    });
    expect(modalErrors(new UserError('text_blocked', 'not that'), catalog)).toEqual({ prompt: 'not that' });
    expect(modalErrors(new UserError('incompatible', 'clash'), undefined)).toEqual({ prompt: 'clash' });
  });
});

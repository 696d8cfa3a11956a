import { describe, expect, it } from 'vitest';
import type { GalleryView } from '../../../../commands/define.js';
import { validateBlocks } from '../../../../sandbox/slack/blocks.js';
import { loadCatalogs } from '../../../../src/core/catalog/load-catalogs.js';
import { UserError } from '../../../../src/core/errors.js';
import { renderGallery } from '../../../../src/platforms/slack/blocks/gallery-blocks.js';
import {
  decodeGalleryState,
  encodeGalleryState,
  filterBlockId,
  readFilterBlockId,
} from '../../../../src/platforms/slack/blocks/gallery-state.js';
import { renderStyles } from '../../../../src/platforms/slack/blocks/styles-blocks.js';
import { contractGeneration } from '../../../contract/render-contract.js';

const catalogs = await loadCatalogs();
const item = (n: number) =>
  contractGeneration({
    id: `job-${n}`,
    catalogId: 'capitao-caverna',
    options: { style: 'watercolor', pose: 'waving' },
    status: 'done',
    imageUrl: `https://media.example.com/${n}.png`,
    thumbUrl: `https://media.example.com/${n}.webp`,
  });

const view = (
  page: number,
  pages: number,
  count: number,
  filters: Record<string, string> = {},
): GalleryView => ({
  userId: 'U0MAYA0001',
  catalogId: undefined,
  filters,
  page,
  pageSize: 5,
  result: { items: Array.from({ length: count }, (_, i) => item(i)), total: pages * 5 },
  pages,
  fullGalleryUrl: undefined,
});

const deps = { catalogs, imageFor: (g: { thumbUrl: string | null }) => ({ imageUrl: g.thumbUrl! }) };
type Node = Record<string, unknown>;
const actionIds = (blocks: unknown[]) =>
  (blocks as Node[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements as Node[]).map((e) => e.action_id));

describe('renderGallery', () => {
  it('shows a thumbnail per image, filter menus, and only the page buttons that lead somewhere', () => {
    const first = renderGallery(view(1, 3, 5), deps);
    expect(validateBlocks(first.blocks, { maxBlocks: 50, pointer: '/blocks' })).toEqual([]);
    const sections = (first.blocks as unknown as Node[]).filter((b) => b.accessory);
    expect(sections).toHaveLength(5);
    expect(sections[0]!.accessory).toMatchObject({
      type: 'image',
      image_url: 'https://media.example.com/0.webp',
    });
    expect(actionIds(first.blocks)).toContain('gallery:page:next');
    expect(actionIds(first.blocks)).not.toContain('gallery:page:prev');
    expect(actionIds(first.blocks).filter((id) => String(id).startsWith('gallery:filter:'))).toHaveLength(6);
    expect(JSON.stringify(first.blocks)).toContain('page 1/3');
    const middle = renderGallery(view(2, 3, 5), deps);
    expect(actionIds(middle.blocks)).toEqual(
      expect.arrayContaining(['gallery:page:prev', 'gallery:page:next']),
    );
    expect(actionIds(renderGallery(view(3, 3, 5), deps).blocks)).not.toContain('gallery:page:next');
  });

  it('carries the next page in the button value and preselects the current filters', () => {
    const rendered = renderGallery(view(1, 2, 5, { style: 'watercolor' }), deps);
    const next = (rendered.blocks as unknown as Node[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements as Node[])
      .find((e) => e.action_id === 'gallery:page:next')!;
    expect(decodeGalleryState(String(next.value))).toEqual({
      userId: 'U0MAYA0001',
      catalogId: undefined,
      filters: { style: 'watercolor' },
      page: 2,
    });
    expect(JSON.stringify(rendered.blocks)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"Watercolor Storybook"',
    );
  });

  it('has a friendly empty state, different when filters match nothing', () => {
    expect(JSON.stringify(renderGallery(view(1, 1, 0), deps).blocks)).toContain('No images yet');
    expect(JSON.stringify(renderGallery(view(1, 1, 0, { pose: 'waving' }), deps).blocks)).toContain(
      'No images match',
    );
  });
});

describe('gallery state', () => {
  it('round-trips and refuses anything else', () => {
    const state = { userId: 'U1', catalogId: 'capitao-caverna', filters: { pose: 'waving' }, page: 3 };
    expect(decodeGalleryState(encodeGalleryState(state))).toEqual(state);
    expect(() => decodeGalleryState('{"u":"<script>","p":1}')).toThrow(UserError);
    expect(readFilterBlockId(filterBlockId('U1', undefined))).toEqual({ userId: 'U1', catalogId: undefined });
    expect(() => readFilterBlockId('other|x')).toThrow(UserError);
  });
});

describe('renderStyles', () => {
  it('offers every style in a menu and shows the chosen one’s example', () => {
    const catalog = catalogs.get('capitao-caverna');
    const example = { ...item(9), options: { style: 'pixel-art' } };
    const out = renderStyles({ catalog, examples: [example], selected: undefined }, (g) => ({
      imageUrl: g.imageUrl!,
    }));
    expect(validateBlocks(out.blocks, { maxBlocks: 50, pointer: '/blocks' })).toEqual([]);
    const json = JSON.stringify(out.blocks);
    expect(json).toContain('https://media.example.com/9.png');
    expect(json).toContain('Generate with Pixel Art');
    const none = JSON.stringify(
      renderStyles({ catalog, examples: [], selected: 'watercolor' }, () => undefined).blocks,
    );
    expect(none).toContain('No example image yet');
  });
});

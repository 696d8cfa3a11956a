import { describe, expect, it } from 'vitest';
import type { GalleryView } from '../../../../commands/define.js';
import { validateMessageInput } from '../../../../sandbox/discord/message-body.js';
import type { Generation } from '../../../../src/core/types.js';
import { parseCustomId } from '../../../../src/platforms/discord/custom-ids.js';
import { renderGallery } from '../../../../src/platforms/discord/render/gallery-message.js';
import { pageCount, renderMenu } from '../../../../src/platforms/discord/render/menu-message.js';
import { type OutgoingMessage, restBody } from '../../../../src/platforms/discord/render/outgoing.js';
import type { MenuState } from '../../../../src/platforms/discord/runtime.js';
import { contractGeneration } from '../../../contract/render-contract.js';
import { wideCatalog, wideRegistry } from './fixtures.js';

/** Throws like Discord (400, 50035) when a message breaks its limits. */
const assertAccepted = (m: OutgoingMessage) =>
  validateMessageInput({ ...restBody(m), attachments: [] }, { creating: true, fileCount: m.files.length });

type Control = {
  type: number;
  custom_id?: string;
  label?: string;
  disabled?: boolean;
  url?: string;
  options?: Array<{ value: string; default?: boolean }>;
};
const controls = (m: OutgoingMessage) => m.components.flatMap((r) => r.components as Control[]);

const menuState = (overrides: Partial<MenuState> = {}): MenuState => ({
  userId: '1',
  catalogId: wideCatalog.id,
  given: {},
  chosen: {},
  missing: wideCatalog.dimensions.map((d) => d.id),
  page: 0,
  extra: undefined,
  seed: undefined,
  aspect: undefined,
  token: 't',
  tokenAt: 0,
  ...overrides,
});

describe('select menus for the missing dimensions', () => {
  it('pages seven missing dimensions four at a time, within five rows and 25 options a menu', () => {
    const state = menuState();
    expect(pageCount(state)).toBe(2);
    const first = renderMenu(wideCatalog, state, 'sid');
    const second = renderMenu(wideCatalog, { ...state, page: 1 }, 'sid');
    for (const m of [first, second]) {
      assertAccepted(m);
      expect(m.components.length).toBeLessThanOrEqual(5);
    }
    const dims = (m: OutgoingMessage) =>
      controls(m).flatMap((c) => {
        const id = c.type === 3 ? parseCustomId(c.custom_id ?? '') : undefined;
        return id?.kind === 'pick' ? [id.dimension] : [];
      });
    expect(dims(first)).toEqual(['style', 'pose', 'outfit', 'footwear']);
    expect(dims(second)).toEqual(['prop', 'frame', 'mood']);
    expect(controls(first).find((c) => c.type === 3)?.options).toHaveLength(25);
    expect(
      controls(first)
        .filter((c) => c.type === 2)
        .map((c) => c.label),
    ).toEqual(['More options (2/2) ▶', '🎨 Generate', 'Cancel']);
    expect(
      controls(second)
        .filter((c) => c.type === 2)
        .map((c) => c.label),
    ).toEqual(['◀ Back', '🎨 Generate', 'Cancel']);
  });

  it('marks picks, keeps a pick beyond the first 25 options visible, and shows defaults as placeholders', () => {
    const m = renderMenu(wideCatalog, menuState({ chosen: { style: 'style-33', pose: 'pose-4' } }), 'sid');
    const [style, pose] = controls(m).filter((c) => c.type === 3) as Array<
      Control & { placeholder?: string }
    >;
    expect(style?.options).toHaveLength(25);
    expect(style?.options?.filter((o) => o.default).map((o) => o.value)).toEqual(['style-33']);
    expect(pose?.options?.filter((o) => o.default).map((o) => o.value)).toEqual(['pose-4']);
    expect(style?.placeholder).toBe('Style (default: Style 1)');
  });

  it('a single missing dimension fits on one page', () => {
    const m = renderMenu(wideCatalog, menuState({ missing: ['mood'], given: { style: 'style-2' } }), 'sid');
    assertAccepted(m);
    expect(m.components).toHaveLength(2);
    expect(m.embeds[0]?.description).toContain('Style: **Style 2**');
  });
});

const view = (items: Generation[], overrides: Partial<GalleryView> = {}): GalleryView => ({
  userId: 'U1',
  catalogId: undefined,
  filters: {},
  page: 1,
  pageSize: 5,
  result: { items, total: items.length },
  pages: 1,
  fullGalleryUrl: 'https://atelier.example.com/gallery?sig=abc',
  ...overrides,
});

const item = (i: number) =>
  contractGeneration({
    id: `00000000-0000-4000-8000-00000000000${i}`,
    catalogId: wideCatalog.id,
    options: { style: 'style-3', pose: 'pose-1' },
    status: 'done',
    seed: i,
    imageUrl: `https://media.example.com/${i}.png`,
    extra: '**bold** @everyone',
  });

describe('gallery pages', () => {
  it('shows a capped count as a lower bound ("10,000+")', () => {
    const items = [item(1), item(2), item(3), item(4), item(5)];
    const m = renderGallery({
      view: view(items, { page: 3, pages: 2000, result: { items, total: 10_000, more: true } }),
      catalogs: wideRegistry(),
      thumbs: [],
      stateId: 'sid',
      viewerId: 'U1',
    });
    expect(m.content).toBe('**Your images** · page 3/2,000+ · 10,000+ in all');
    expect(controls(m)[1]?.label).toBe('Page 3/2,000+');
  });

  it('one embed per image with the full image link, page buttons disabled at the edges', () => {
    const m = renderGallery({
      view: view([item(1), item(2)], { page: 2, pages: 3, result: { items: [item(1), item(2)], total: 12 } }),
      catalogs: wideRegistry(),
      thumbs: [{ url: 'https://media.example.com/1-thumb.webp' }, undefined],
      stateId: 'sid',
      viewerId: 'U1',
    });
    assertAccepted(m);
    expect(m.content).toBe('**Your images** · page 2/3 · 12 in all');
    expect(m.embeds.map((e) => e.url)).toEqual([
      'https://media.example.com/1.png',
      'https://media.example.com/2.png',
    ]);
    expect(m.embeds[0]?.title).toBe('Wide Brand · Style 3');
    expect(m.embeds[0]?.description).toContain('\\*\\*bold\\*\\*');
    expect(m.embeds[0]?.thumbnail?.url).toBe('https://media.example.com/1-thumb.webp');
    const [prev, label, next, link] = controls(m);
    expect([prev?.disabled, label?.disabled, next?.disabled]).toEqual([false, true, false]);
    expect([parseCustomId(prev?.custom_id ?? ''), parseCustomId(next?.custom_id ?? '')]).toEqual([
      { kind: 'gallery', state: 'sid', page: 1 },
      { kind: 'gallery', state: 'sid', page: 3 },
    ]);
    expect(link?.url).toBe('https://atelier.example.com/gallery?sig=abc');
    expect(new Set(controls(m).flatMap((c) => (c.custom_id ? [c.custom_id] : []))).size).toBe(3);
  });

  it('says why a page is empty', () => {
    const render = (v: GalleryView, viewerId = 'U1') =>
      renderGallery({ view: v, catalogs: wideRegistry(), thumbs: [], stateId: 's', viewerId }).embeds[0]
        ?.description;
    expect(render(view([]))).toMatch(/^Nothing here yet/);
    expect(render(view([]), 'U2')).toBe('<@U1> has no images here yet.');
    expect(render(view([], { catalogId: 'wide', filters: { pose: 'pose-2' } }))).toBe(
      'No images match Pose: Pose 2. Try /gallery without filters.',
    );
  });
});

// Keeps the test honest: the validator used above does refuse a broken message.
it('the limit check refuses six rows', () => {
  const row = { type: 1, components: [{ type: 2, style: 1, label: 'x', custom_id: 'x' }] };
  expect(() =>
    validateMessageInput({ components: Array(6).fill(row) }, { creating: true, fileCount: 0 }),
  ).toThrow();
});

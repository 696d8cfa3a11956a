/**
 * The rendering contract both chat adapters pass (vercel/chat's threadIdContract idea): the same JobCards
 * in, the same user-visible promises out. Each platform supplies a probe that renders a card its own way
 * and reads the result back; `runRenderContract` turns the shared cases into vitest tests.
 *
 *   // test/contract/<platform>-render.test.ts
 *   runRenderContract('slack', slackProbe);
 */
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/core/catalog/schema.js';
import type { JobUpdate } from '../../src/core/status.js';
import type { Generation } from '../../src/core/types.js';
import { type JobCard, renderJobCard } from '../../src/platforms/shared/job-card.js';

export interface RenderProbe<Out> {
  /** Renders a card as the adapter sends it (images linked by their URL). */
  render(card: JobCard): Out;
  /** Every piece of text a person sees, with the platform's escaping undone. */
  visibleText(out: Out): string;
  /** URLs of the images shown. */
  imageUrls(out: Out): string[];
  /** Buttons offered, mapped back to the card's action ids ('delete': every finished image offers it). */
  actionIds(out: Out): Array<'reroll' | 'retry' | 'delete'>;
  /** Whether user text could ping everyone (@everyone / <!channel> …) or a role/user it did not name. */
  mentionsEveryone(out: Out): boolean;
  /** Problems with the platform's limits (counts, lengths); empty when the payload would be accepted. */
  limitProblems(out: Out): string[];
  /**
   * Markup the platform would make live that the card did not put there on purpose: a masked link, a
   * heading, a mention pill, auto-parsed text. Empty when user text can only be read as typed.
   */
  liveMarkup(out: Out): string[];
}

/** What a stranger types to dress a post up as someone else's (issue 14: masked links in public posts). */
export const HOSTILE_TEXT =
  '# Giveaway [Free Nitro](https://evil.example) [second](https://evil.example/2) -# small <@123456789> <@&42> <#C0GENERAL> <!channel> <https://evil.example|click me> @everyone @here </generate:1> <t:0:R>';

/**
 * The same attacks within what a person may type into /generate (80 T5 tokens of extra text, 59 here): what
 * the end-to-end tests send through the real prompt path.
 */
export const HOSTILE_PROMPT =
  '# Giveaway [Free Nitro](https://evil.example) -# small <@123456789> <#C0GENERAL> <!channel> @everyone @here <t:0:R>';

export const catalog: Catalog = {
  id: 'contract-brand',
  name: 'Contract Brand',
  description: 'A catalog for the rendering contract',
  version: 1,
  dimensions: [
    {
      id: 'style',
      label: 'Style',
      description: 'Look',
      options: [{ id: 'comic-book', label: 'Comic Book', description: 'Ink', prompt: 'comic' }],
    },
    {
      id: 'pose',
      label: 'Pose',
      description: 'Body',
      options: [{ id: 'waving', label: 'Waving', description: 'Hello', prompt: 'waving' }],
    },
  ],
  styleDimension: 'style',
  templates: {
    character: 'c',
    environment: 'e',
    technicalSpecs: 't',
    bodySafeguards: '',
    layout: '{character}',
  },
  negativePrompt: 'n',
  rules: [],
  defaults: { style: 'comic-book', pose: 'waving' },
  freeText: { maxLength: 300, blockedWords: [] },
  image: { width: 1024, height: 1024 },
};

export function contractGeneration(overrides: Partial<Generation> = {}): Generation {
  const createdAt = Date.UTC(2026, 0, 2, 3, 4, 5);
  return {
    id: '0f3c2a9e-1111-4222-8333-944445555666',
    createdAt,
    updatedAt: createdAt,
    platform: 'slack',
    workspaceId: 'T0CONTRACT',
    channelId: 'C0CONTRACT',
    userId: 'U0CONTRACT',
    messageId: null,
    replyRef: null,
    catalogId: catalog.id,
    options: { style: 'comic-book', pose: 'waving' },
    extra: '',
    aspect: 'square',
    promptHash: 'hash',
    seed: 424242,
    model: 'fal-ai/flux/schnell',
    promptTokens: null,
    promptFit: null,
    status: 'queued',
    statusDetail: null,
    errorClass: null,
    errorMessage: null,
    attempts: 0,
    requestId: null,
    parentId: null,
    sequenceId: null,
    imageKey: null,
    imageUrl: null,
    thumbKey: null,
    thumbUrl: null,
    width: 1024,
    height: 1024,
    bytes: null,
    submittedAt: null,
    startedAt: null,
    finishedAt: null,
    costMicros: 0,
    isExample: false,
    nsfwAllowed: false,
    deletedAt: null,
    deletedBy: null,
    ...overrides,
  };
}

const IMAGE = 'https://media.example.com/images/0f3c2a9e.png';
const done = (extra: Partial<Generation> = {}) =>
  contractGeneration({
    status: 'done',
    imageUrl: IMAGE,
    finishedAt: Date.UTC(2026, 0, 2, 3, 4, 8),
    ...extra,
  });

export interface RenderCase {
  name: string;
  generation: Generation;
  update: JobUpdate;
  expect: {
    /** Substrings of the visible text (the status line, labels, user text). */
    shows: string[];
    image: boolean;
    actions: Array<'reroll' | 'retry' | 'delete'>;
  };
}

const LONG = 'a very long description of a cozy cave, '.repeat(60);

/** The shared cases: platform-neutral inputs and promises. */
export const renderCases: RenderCase[] = [
  {
    name: 'queued: status line with the place in line, parameters, no image, no buttons',
    generation: contractGeneration(),
    update: { kind: 'queued', position: 3, etaMs: 20_000 },
    expect: { shows: ['Queued', '#3 in line', 'Comic Book', 'Waving'], image: false, actions: [] },
  },
  {
    name: 'generating: progress is visible',
    generation: contractGeneration({ status: 'generating' }),
    update: { kind: 'generating', progress: 0.5 },
    expect: { shows: ['Generating', '50%'], image: false, actions: [] },
  },
  {
    name: 'done: image shown, seed and model, re-roll offered',
    generation: done(),
    update: { kind: 'done', reused: false },
    expect: {
      shows: ['Done', 'seed 424242', 'fal-ai/flux/schnell'],
      image: true,
      actions: ['reroll', 'delete'],
    },
  },
  {
    name: 'a re-roll says so',
    generation: done({ parentId: 'parent-id' }),
    update: { kind: 'done', reused: false },
    expect: { shows: ['(re-roll)'], image: true, actions: ['reroll', 'delete'] },
  },
  {
    name: 'failed and retryable: says a retry can help and offers Try again',
    generation: contractGeneration({ status: 'failed' }),
    update: {
      kind: 'failed',
      errorClass: 'retryable',
      message: 'The image service is busy.',
      retryable: true,
      reference: 'AB12CD34',
    },
    expect: { shows: ['The image service is busy.', 'retry can help'], image: false, actions: ['retry'] },
  },
  {
    name: 'failed for good: no retry button',
    generation: contractGeneration({ status: 'failed' }),
    update: {
      kind: 'failed',
      errorClass: 'fatal',
      message: 'This request cannot be made.',
      retryable: false,
      reference: 'AB12CD34',
    },
    expect: { shows: ['This request cannot be made.'], image: false, actions: [] },
  },
  {
    name: 'blocked: explained, no image',
    generation: contractGeneration({ status: 'blocked' }),
    update: { kind: 'blocked', message: 'The safety checker flagged this image.' },
    expect: { shows: ['safety checker'], image: false, actions: [] },
  },
  {
    name: 'user text with markup is shown literally',
    generation: done({ extra: 'fish & chips <b>bold</b> <!channel> @everyone <@U999>' }),
    update: { kind: 'done', reused: false },
    expect: { shows: ['fish & chips <b>bold</b>'], image: true, actions: ['reroll', 'delete'] },
  },
  {
    name: 'user text cannot make masked links, headings, mentions or auto-parsed links',
    generation: done({ extra: HOSTILE_TEXT }),
    update: { kind: 'done', reused: false },
    expect: {
      shows: ['# Giveaway [Free Nitro](https://evil.example)', '<@123456789>', '<!channel>', '@everyone'],
      image: true,
      actions: ['reroll', 'delete'],
    },
  },
  {
    name: 'very long user text stays within the platform limits',
    generation: done({ extra: LONG }),
    update: { kind: 'done', reused: false },
    expect: { shows: ['a very long description of a cozy cave'], image: true, actions: ['reroll', 'delete'] },
  },
];

export function runRenderContract<Out>(platform: string, probe: RenderProbe<Out>): void {
  describe(`rendering contract: ${platform}`, () => {
    for (const c of renderCases) {
      it(c.name, () => {
        const out = probe.render(renderJobCard(catalog, c.generation, c.update));
        const text = probe.visibleText(out);
        for (const s of c.expect.shows) expect(text).toContain(s);
        expect(probe.imageUrls(out)).toEqual(c.expect.image ? [IMAGE] : []);
        expect(probe.actionIds(out).sort()).toEqual([...c.expect.actions].sort());
        expect(probe.mentionsEveryone(out)).toBe(false);
        expect(probe.limitProblems(out)).toEqual([]);
        expect(probe.liveMarkup(out)).toEqual([]);
      });
    }
  });
}

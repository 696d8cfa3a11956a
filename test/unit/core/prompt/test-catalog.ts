import { type Catalog, catalogSchema } from '../../../../src/core/catalog/schema.js';

const option = (id: string, label: string, extra: Record<string, unknown> = {}) => ({
  id,
  label,
  description: `${label} option`,
  prompt: `${label.toLowerCase()} prompt`,
  ...extra,
});

/** The raw JSON of a small catalog exercising every engine feature; tests edit copies of it. */
export const testCatalogJson = () => ({
  id: 'test-kit',
  name: 'Test Kit',
  description: 'A tiny catalog for engine tests',
  version: 3,
  styleDimension: 'style',
  dimensions: [
    {
      id: 'style',
      label: 'Style',
      description: 'Rendering',
      options: [
        option('comic-book', 'Comic Book'),
        option('watercolor', 'Watercolor'),
        option('pixel-art', 'Pixel Art'),
      ],
    },
    {
      id: 'pose',
      label: 'Pose',
      description: 'Body',
      options: [
        option('standing', 'Standing'),
        option('waving', 'Waving Hello'),
        option('sitting', 'Sitting'),
        option('jumping', 'Jumping'),
      ],
    },
    {
      id: 'prop',
      label: 'Prop',
      description: 'Held item',
      options: [option('none', 'No Prop'), option('torch', 'Torch'), option('mug', 'Clay Mug')],
    },
    {
      id: 'frame',
      label: 'Frame',
      description: 'Shot',
      options: [
        option('free', 'Free Shot', { positioning: 'free positioning', lighting: 'free lighting' }),
        option('intro', 'Intro', {
          positioning: 'intro positioning',
          lighting: 'intro lighting',
          allow: { pose: ['waving', 'standing'] },
        }),
        option('campfire', 'By the Campfire', {
          positioning: 'campfire positioning',
          lighting: 'campfire lighting',
          allow: { pose: ['sitting'], prop: ['mug', 'none'] },
        }),
        option('finale', 'Finale', {
          positioning: 'finale positioning',
          lighting: 'finale lighting',
          allow: { pose: ['jumping', 'waving'] },
        }),
      ],
    },
  ],
  templates: {
    character: 'CHARACTER TEMPLATE',
    environment: 'ENVIRONMENT TEMPLATE',
    technicalSpecs: 'TECH TEMPLATE',
    bodySafeguards: 'SAFEGUARDS TEMPLATE',
    layout:
      '{style}. {character}. Pose: {pose}. Prop: {prop}. {extra}. Scene: {frame}; {frame.positioning}. Light: {frame.lighting}. {environment}. {bodySafeguards}. {technicalSpecs}.',
  },
  negativePrompt: 'blurry,   extra limbs',
  sequence: { dimension: 'frame', frames: ['intro', 'campfire', 'finale'] },
  rules: [
    {
      when: { pose: ['jumping'] },
      forbid: { prop: ['mug'] },
      reason: 'Jumping would spill the mug.',
    },
  ],
  defaults: { style: 'comic-book', pose: 'standing', prop: 'none', frame: 'free' },
  freeText: { maxLength: 40, blockedWords: ['nude', 'self harm', 'gore'] },
  image: { width: 1024, height: 1024 },
});

export const testCatalog = (edit: (json: ReturnType<typeof testCatalogJson>) => void = () => {}): Catalog => {
  const json = testCatalogJson();
  edit(json);
  return catalogSchema.parse(json);
};

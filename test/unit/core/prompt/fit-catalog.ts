import { type Catalog, catalogSchema } from '../../../../src/core/catalog/schema.js';

const option = (id: string, prompt: string, extra: Record<string, unknown> = {}) => ({
  id,
  label: id,
  description: `${id} option`,
  prompt,
  ...extra,
});

/**
 * A small catalog with a list layout: sentences that are never cut, and cuttable ones with priorities and
 * condensed variants (placeholder variants for framing, lighting and setting; section variants for
 * safeguards; none for notes). Texts are upper case so tests can find each in a prompt.
 */
export const fitCatalogJson = () => ({
  id: 'fit-kit',
  name: 'Fit Kit',
  description: 'Sections with priorities',
  version: 3,
  styleDimension: 'style',
  dimensions: [
    {
      id: 'style',
      label: 'Style',
      description: 'Rendering',
      options: [option('ink', 'INK DRAWING'), option('paint', 'THICK OIL PAINT WITH VISIBLE BRUSH STROKES')],
    },
    {
      id: 'pose',
      label: 'Pose',
      description: 'Body',
      options: [option('wave', 'WAVING'), option('sit', 'SITTING ON A LOW STONE WALL')],
    },
    {
      id: 'frame',
      label: 'Frame',
      description: 'Shot',
      options: [
        option('intro', 'INTRO SCENE', {
          positioning: 'FULL BODY CENTERED, CAMERA AT CHEST HEIGHT, NATURAL PERSPECTIVE',
          lighting: 'WARM KEY LIGHT FROM THE LEFT, COOL FILL, GENTLE RIM',
          condensed: { positioning: 'FULL BODY CENTERED', lighting: 'WARM KEY LIGHT' },
        }),
        option('outro', 'OUTRO SCENE', {
          positioning: 'WAIST UP, LEFT THIRD',
          lighting: 'SUNSET BACKLIGHT',
        }),
      ],
    },
  ],
  templates: {
    character: 'CHARACTER DESCRIPTION',
    environment: 'A SPACIOUS LIMESTONE CAVE WITH A CAMPFIRE AND A VALLEY VIEW',
    technicalSpecs: 'SHARP FOCUS, HIGH DETAIL',
    bodySafeguards: '',
    condensed: { environment: 'A CAVE' },
    layout: [
      '{style}',
      '{character}',
      '{pose}',
      '{extra}',
      'Scene: {frame}',
      { name: 'framing', text: '{frame.positioning}', priority: 50 },
      {
        name: 'safeguards',
        text: 'ONE CHARACTER, CLEAN IMAGE WITHOUT TEXT OR WATERMARK',
        condensed: 'NO TEXT',
        priority: 45,
      },
      { name: 'lighting', text: 'Lighting: {frame.lighting}', priority: 40 },
      { name: 'setting', text: 'Setting: {environment}', priority: 30 },
      { name: 'technical', text: '{technicalSpecs}', priority: 20 },
    ],
  },
  negativePrompt: 'text, watermark',
  rules: [] as { when: Record<string, string[]>; forbid: Record<string, string[]>; reason: string }[],
  defaults: { style: 'ink', pose: 'wave', frame: 'intro' },
  freeText: { maxLength: 120, maxTokens: 20, blockedWords: [] as string[] },
  image: { width: 1024, height: 1024 },
});

export const fitCatalog = (edit: (json: ReturnType<typeof fitCatalogJson>) => void = () => {}): Catalog => {
  const json = fitCatalogJson();
  edit(json);
  return catalogSchema.parse(json);
};

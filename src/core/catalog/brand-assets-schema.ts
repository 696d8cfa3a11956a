import { z } from 'zod';

const httpsUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });

/**
 * A path inside the repository ("catalogs/assets/captain-sheet.png"): relative, no "..", so a catalog
 * cannot point outside the project. load-catalogs checks that the file exists.
 */
export const isRepoFile = (value: string): boolean =>
  /^[\w][\w./ -]*$/.test(value) && !value.split('/').includes('..');

export const isHttpUrl = (value: string): boolean => httpsUrl.safeParse(value).success;

const imageRef = z
  .string()
  .refine(
    (v) => isHttpUrl(v) || isRepoFile(v),
    'expected an http(s) URL or a file path inside the repository',
  );

/** What a brand supplies beyond text to keep its images on-model. Every field is optional. */
export const brandAssetsSchema = z.object({
  /**
   * A LoRA trained on the mascot (fal-ai/flux-lora-fast-training returns `diffusers_lora_file.url`). On
   * models that take LoRAs its trigger word replaces the long character description in the prompt.
   */
  lora: z
    .object({
      url: httpsUrl,
      triggerWord: z.string().trim().min(1).max(60),
      scale: z.number().min(0).max(4).default(1),
    })
    .optional(),
  /** Model sheets or hero shots for models that take a reference image: URLs or repository files. */
  referenceImages: z.array(imageRef).min(1).max(8).optional(),
  /** The brand's colours (`#rrggbb`), for models that take a palette (Recraft `colors`). */
  palette: z
    .array(z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as #rrggbb'))
    .min(1)
    .max(16)
    .optional(),
});

export type BrandAssets = z.infer<typeof brandAssetsSchema>;

/**
 * Where the shipped profiles' facts come from. Input fields, required fields, size forms and output shapes:
 * fal's published TypeScript types. Prompt windows: FLUX's own code and the providers' API references.
 */

/** fal-ai/fal-js at the commit the profiles were checked against (the file is generated from fal's schemas). */
export const FAL_JS_TYPES =
  'fal-ai/fal-js libs/client/src/types/endpoints.ts @ 381105e138b85502b528fb8f6c16d909e30e462a';

/** black-forest-labs/flux src/flux/cli.py: `max_length=256 if name == "flux-schnell" else 512` (T5, `</s>` included). */
export const BFL_T5_WINDOW =
  'black-forest-labs/flux src/flux/cli.py (T5 max_length: 256 on schnell, else 512)';

/** fal bills per image or per megapixel, per model (fal docs, Model APIs › Pricing). */
/** fal's model pages (fal.ai/models/<endpoint>/llms.txt): price, defaults and ranges the types do not carry. */
export const falModelPage = (endpoint: string) => `fal.ai/models/${endpoint}/llms.txt`;

export const FAL_PRICING_DOC = 'https://docs.fal.ai/documentation/model-apis/pricing';

/** fal's image_size presets (FluxDevInput and the others: `ImageSize | "square_hd" | …`; sizes per fal's model pages). */
export const IMAGE_SIZE_PRESETS = {
  square_hd: { width: 1024, height: 1024 },
  square: { width: 512, height: 512 },
  portrait_4_3: { width: 768, height: 1024 },
  portrait_16_9: { width: 576, height: 1024 },
  landscape_4_3: { width: 1024, height: 768 },
  landscape_16_9: { width: 1024, height: 576 },
} as const;

/** The aspect_ratio enum of FluxProV11UltraInput, FluxKontextInput and FluxProKontextTextToImageInput. */
export const FLUX_PRO_RATIOS = ['21:9', '16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '9:21'];

export const NO_BRAND_ASSETS = { loras: false, reference: null, palette: null } as const;

/** num_images on FLUX endpoints: "Range: 1 to 4" (fal's API reference, e.g. flux-dev; the emulator's schemas). */
export const FOUR_IMAGES = { field: 'num_images', max: 4 } as const;

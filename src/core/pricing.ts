/** Estimated provider prices in micro-dollars per megapixel (fal's public prices). */
const PRICE_PER_MEGAPIXEL_MICROS: Record<string, number> = {
  'fal-ai/flux/schnell': 3_000,
  'fal-ai/flux/dev': 25_000,
  'fal-ai/flux-pro/v1.1': 40_000,
  'fal-ai/flux-pro/v1.1-ultra': 60_000,
  'fal-ai/recraft-v3': 40_000,
};

const DEFAULT_PRICE_MICROS = 3_000;

export function estimateCostMicros(model: string, width: number, height: number): number {
  const perMp = PRICE_PER_MEGAPIXEL_MICROS[model] ?? DEFAULT_PRICE_MICROS;
  return Math.round((perMp * width * height) / 1_000_000);
}

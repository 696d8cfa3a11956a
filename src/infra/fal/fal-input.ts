import { imagesPerRequest, type ModelProfile, promptSpec } from '../../core/generation/model-profile.js';
import type { ProviderInput } from '../../core/ports.js';

/** Distance between two aspect ratios, symmetric for portrait and landscape. */
const ratioDistance = (w: number, h: number, ow: number, oh: number) => Math.abs(Math.log(w / h / (ow / oh)));

function nearest<T>(options: readonly T[], ratioOf: (o: T) => [number, number], w: number, h: number): T {
  let best = options[0] as T;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const option of options) {
    const distance = ratioDistance(w, h, ...ratioOf(option));
    // Strictly closer only: on a tie the first listed wins (square_hd before square).
    if (distance < bestDistance - 1e-9) {
      best = option;
      bestDistance = distance;
    }
  }
  return best;
}

/** The size in the form the endpoint takes: our width and height, or the preset / ratio nearest to them. */
export function sizeValue(
  size: Exclude<ModelProfile['size'], { kind: 'source' }>,
  width: number,
  height: number,
): unknown {
  if (size.kind === 'dimensions') return { width, height };
  if (size.kind === 'preset') {
    const names = Object.keys(size.presets);
    return nearest(names, (n) => [size.presets[n]!.width, size.presets[n]!.height], width, height);
  }
  return nearest(size.ratios, (r) => r.split(':').map(Number) as [number, number], width, height);
}

/**
 * The request body for one endpoint, built from its profile: only fields it declares, the negative prompt
 * only where it has a field for one, the seed only where it takes one, its own safety setting.
 */
export function toFalInput(profile: ModelProfile, input: ProviderInput): Record<string, unknown> {
  const body: Record<string, unknown> = { ...profile.fixed };
  const prompt = promptSpec(profile);
  // An edit's prompt is its instruction; an optional prompt is left out when empty (the endpoint's default).
  const text = input.action === 'edit' && input.instruction ? input.instruction : input.prompt;
  if (prompt && (prompt.required || text)) body[prompt.field] = text;
  // Edits and upscales keep the source's size and ratio: no size is sent even where a field exists (Kontext).
  const keepsSource = input.action === 'edit' || input.action === 'upscale';
  if (profile.size.kind !== 'source' && !keepsSource)
    body[profile.size.field] = sizeValue(profile.size, input.width, input.height);
  if (profile.negativePrompt.kind !== 'none' && input.negativePrompt)
    body[profile.negativePrompt.field] = input.negativePrompt;
  if (profile.seed.taken) body.seed = input.seed;
  const images = imagesPerRequest(profile);
  if (images.field) body[images.field] = Math.min(Math.max(1, input.count ?? 1), images.max);
  // fal documents that flagged images come back black while the checker is on: a job allowed to post NSFW
  // images (an NSFW channel under NSFW_POLICY=nsfw-channels) asks for it off (or, on BFL's API models, for
  // the most permissive documented tolerance). fal honours that only for accounts it has authorized; other
  // accounts stay checked, and a flagged image then arrives black. Endpoints without a safety field (Ideogram)
  // get nothing: their own filter applies.
  const relaxed = input.safetyChecker === false;
  if (profile.safety.kind === 'checker') body[profile.safety.field] = !relaxed;
  if (profile.safety.kind === 'tolerance')
    body[profile.safety.field] = relaxed ? profile.safety.relaxed : profile.safety.strict;
  const reference = input.referenceImageUrls?.[0];
  if (reference && profile.takes.reference) body[profile.takes.reference] = reference;
  // The image acted on; on Kontext it takes the reference's place (the same field).
  const sources = input.imageUrls ?? [];
  if (profile.imageInput && sources.length > 0)
    body[profile.imageInput.field] = profile.imageInput.list ? sources : sources[0];
  if (profile.strength) body[profile.strength.field] = within(profile.strength, input.strength);
  if (profile.upscale) body[profile.upscale.field] = within(profile.upscale, input.upscaleFactor);
  // The schema already ties every wired field to `fields`; this keeps the promise local to the body.
  for (const key of Object.keys(body)) if (!profile.fields.includes(key)) delete body[key];
  return body;
}

/** The requested value kept within the profile's range; its default when none was asked for. */
function within(range: { min: number; max: number; default: number }, value: number | undefined): number {
  return Math.min(range.max, Math.max(range.min, value ?? range.default));
}

/** Required fields the body lacks (Kontext without a reference image): such a body must not be sent. */
export function missingFields(profile: ModelProfile, body: Record<string, unknown>): string[] {
  return profile.required.filter((name) => body[name] === undefined);
}

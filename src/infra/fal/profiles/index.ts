import type { ModelProfile } from '../../../core/generation/model-profile.js';
import { fluxDev, fluxLora, fluxSchnell } from './flux.js';
import { fluxGeneral } from './flux-general.js';
import {
  fluxKontext,
  fluxKontextMax,
  fluxKontextMaxMulti,
  fluxKontextMaxTextToImage,
  fluxKontextMulti,
  fluxKontextTextToImage,
} from './flux-kontext.js';
import { fluxProV11, fluxProV11Ultra } from './flux-pro.js';
import { ideogramV3 } from './ideogram.js';
import { clarityUpscaler, fluxDevImageToImage, fluxDevRedux, fluxProV11Redux } from './image-actions.js';
import { recraftV3 } from './recraft.js';

/** The endpoints Atelier ships a profile for: FAL_MODEL and FAL_FALLBACK_MODELS name these. */
export const SHIPPED_PROFILES: readonly ModelProfile[] = [
  fluxSchnell,
  fluxDev,
  fluxLora,
  fluxGeneral,
  fluxProV11,
  fluxProV11Ultra,
  fluxKontext,
  fluxKontextMax,
  fluxKontextTextToImage,
  fluxKontextMaxTextToImage,
  recraftV3,
  ideogramV3,
];

/**
 * Endpoints that only start from an image (FAL_VARIATION_MODEL, FAL_UPSCALE_MODEL, FAL_EDIT_MODEL): never a
 * text-to-image model. The Kontext edits above serve both (an edit, or /generate with a brand reference image).
 */
export const ACTION_PROFILES: readonly ModelProfile[] = [
  fluxDevImageToImage,
  fluxDevRedux,
  fluxProV11Redux,
  fluxKontextMulti,
  fluxKontextMaxMulti,
  clarityUpscaler,
];

/** The profile for an endpoint: an operator's (FAL_MODEL_PROFILE) first, then the shipped ones. */
export function findProfile(endpoint: string, extra: readonly ModelProfile[] = []): ModelProfile | undefined {
  const byEndpoint = (p: ModelProfile) => p.endpoint === endpoint;
  return extra.find(byEndpoint) ?? SHIPPED_PROFILES.find(byEndpoint) ?? ACTION_PROFILES.find(byEndpoint);
}

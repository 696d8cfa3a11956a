import type { ModelProfile } from '../../../core/generation/model-profile.js';
import { fluxDev, fluxLora, fluxSchnell } from './flux.js';
import { fluxGeneral } from './flux-general.js';
import {
  fluxKontext,
  fluxKontextMax,
  fluxKontextMaxTextToImage,
  fluxKontextTextToImage,
} from './flux-kontext.js';
import { fluxProV11, fluxProV11Ultra } from './flux-pro.js';
import { ideogramV3 } from './ideogram.js';
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

/** The profile for an endpoint: an operator's (FAL_MODEL_PROFILE) first, then the shipped ones. */
export function findProfile(endpoint: string, extra: readonly ModelProfile[] = []): ModelProfile | undefined {
  return extra.find((p) => p.endpoint === endpoint) ?? SHIPPED_PROFILES.find((p) => p.endpoint === endpoint);
}

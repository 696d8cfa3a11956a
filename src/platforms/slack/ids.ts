/** Action, callback and block ids the Slack adapter puts in its Block Kit and routes on. */
export const ACTION = {
  reroll: 'job:reroll',
  retry: 'job:retry',
  delete: 'job:delete',
  galleryPage: 'gallery:page',
  galleryFilter: /^gallery:filter:/,
  galleryFilterPrefix: 'gallery:filter:',
  galleryOpen: 'gallery:open',
  stylesPick: 'styles:pick',
  stylesGenerate: 'styles:generate',
} as const;

export const GENERATE_MODAL = 'atelier:generate';
/** Input blocks of the generate modal: one per dimension, then the free text. */
export const dimensionBlockId = (dimensionId: string) => `dim:${dimensionId}`;
export const PROMPT_BLOCK = 'prompt';
export const INPUT_ACTION = 'value';

/** Slack's name for 🔁. */
export const REROLL_REACTION = 'repeat';
/** Slack's name for ❌: the requester or an admin deletes the result. */
export const DELETE_REACTION = 'x';

/** Block Kit limits we render within (Slack rejects larger payloads with invalid_blocks). */
export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  field: 2000,
  fields: 10,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  label: 2000,
  altText: 2000,
  modalTitle: 24,
  privateMetadata: 3000,
  fallbackText: 3000,
  blockId: 255,
  actionsElements: 25,
} as const;

import type { Catalog } from '../catalog/schema.js';

/** `{character}`, `{pose}`, `{frame.positioning}` … */
const PLACEHOLDER = /\{([A-Za-z0-9][A-Za-z0-9.-]*)\}/g;

const TEMPLATE_PARTS = ['character', 'environment', 'technicalSpecs', 'bodySafeguards', 'extra'] as const;
const OPTION_FIELDS = ['positioning', 'lighting'] as const;
type TemplatePart = (typeof TEMPLATE_PARTS)[number];
type OptionField = (typeof OPTION_FIELDS)[number];

export type Placeholder =
  | { kind: 'part'; part: TemplatePart }
  | { kind: 'option'; dimension: string; field: 'prompt' | OptionField };

export const listPlaceholders = (layout: string): string[] =>
  [...layout.matchAll(PLACEHOLDER)].map((m) => m[1]!);

/** What a placeholder name refers to, or undefined when the catalog has no such thing. */
export const parsePlaceholder = (catalog: Catalog, name: string): Placeholder | undefined => {
  if ((TEMPLATE_PARTS as readonly string[]).includes(name))
    return { kind: 'part', part: name as TemplatePart };
  const [dimension = '', field, ...rest] = name.split('.');
  if (rest.length > 0 || !catalog.dimensions.some((d) => d.id === dimension)) return undefined;
  if (field === undefined) return { kind: 'option', dimension, field: 'prompt' };
  return (OPTION_FIELDS as readonly string[]).includes(field)
    ? { kind: 'option', dimension, field: field as OptionField }
    : undefined;
};

/** Stands in for the person's text while the catalog's own text is tidied, so theirs is never rewritten. */
const EXTRA_SLOT = '\u0000';

/** Removes what empty parts leave behind: doubled spaces, ". ." or ", ," runs, dangling separators. */
const tidy = (text: string): string =>
  text
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:!?])/g, '$1')
    .replace(/[.,;:](?:\s*[.,;:])+/g, (run) => (run.includes('.') ? '.' : run[0]!))
    .replace(/^[\s.,;:]+/, '')
    .replace(/[\s,;:]+$/, '')
    .trim();

/**
 * Fills the catalog layout in one pass: inserted values are never scanned again, so text such as
 * "{character}" typed by a person stays literal. `options` must name an option for every dimension.
 */
export const renderLayout = (
  catalog: Catalog,
  options: Readonly<Record<string, string>>,
  extra: string,
): string => {
  const fill = (name: string): string => {
    const placeholder = parsePlaceholder(catalog, name);
    if (placeholder === undefined)
      throw new Error(`Catalog ${catalog.id}: unknown layout placeholder {${name}}`);
    if (placeholder.kind === 'part') {
      return placeholder.part === 'extra' ? EXTRA_SLOT : catalog.templates[placeholder.part];
    }
    const dimension = catalog.dimensions.find((d) => d.id === placeholder.dimension)!;
    const option = dimension.options.find((o) => o.id === options[dimension.id]);
    if (option === undefined) throw new Error(`Catalog ${catalog.id}: no option chosen for ${dimension.id}`);
    return option[placeholder.field] ?? '';
  };
  const filled = catalog.templates.layout.replace(PLACEHOLDER, (_, name: string) => fill(name));
  // The person's sentence gets the layout's punctuation, not a doubled one of its own.
  const sentence = extra.replace(/[\s.,;:]+$/u, '');
  if (sentence === '') return tidy(filled.replaceAll(EXTRA_SLOT, ''));
  // split/join, not replaceAll: a replacement string would expand `$\``, `$'` and `$&` typed by the person.
  return tidy(filled).split(EXTRA_SLOT).join(sentence);
};

import type { Catalog, CatalogSection } from '../catalog/schema.js';

/** `{character}`, `{pose}`, `{frame.positioning}` … */
const PLACEHOLDER = /\{([A-Za-z0-9][A-Za-z0-9.-]*)\}/g;

const TEMPLATE_PARTS = ['character', 'environment', 'technicalSpecs', 'bodySafeguards', 'extra'] as const;
const OPTION_FIELDS = ['positioning', 'lighting'] as const;
type TemplatePart = (typeof TEMPLATE_PARTS)[number];
type OptionField = (typeof OPTION_FIELDS)[number];

export type Placeholder =
  | { kind: 'part'; part: TemplatePart }
  | { kind: 'option'; dimension: string; field: 'prompt' | OptionField };

export const listPlaceholders = (text: string): string[] => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);

/** The layout as sections: a string layout is one section that is never cut. */
export const layoutSections = (catalog: Catalog): readonly CatalogSection[] =>
  typeof catalog.templates.layout === 'string' ? [catalog.templates.layout] : catalog.templates.layout;

/** Every template text of a section (its text and its own condensed variant). */
export const sectionTexts = (section: CatalogSection): string[] =>
  typeof section === 'string' ? [section] : [section.text, ...(section.condensed ? [section.condensed] : [])];

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

/** The person's sentence gets the layout's punctuation, not a doubled one of its own. */
const trimExtra = (extra: string): string => extra.replace(/[\s.,;:]+$/u, '');

/** A section as the model would read it: its own sentence, closed by a full stop. */
const closeSentence = (text: string): string => (text === '' || /[.!?]$/u.test(text) ? text : `${text}.`);

/** The section `{extra}` of a list layout, as rendered: what the person's text costs the prompt. */
export const extraSection = (extra: string): string => closeSentence(trimExtra(extra));

export interface RenderOptions {
  /** Render the condensed variants of the section's texts (fitting a smaller budget). */
  condensed?: boolean;
  /** The catalog's LoRA trigger word stands for {character} (the model takes the catalog's LoRA). */
  lora?: boolean;
}

/**
 * Fills one template text in one pass: inserted values are never scanned again, so text such as
 * "{character}" typed by a person stays literal. `options` must name an option for every dimension.
 */
const renderText = (
  catalog: Catalog,
  template: string,
  options: Readonly<Record<string, string>>,
  extra: string,
  render: RenderOptions,
): string => {
  const fill = (name: string): string => {
    const placeholder = parsePlaceholder(catalog, name);
    if (placeholder === undefined)
      throw new Error(`Catalog ${catalog.id}: unknown layout placeholder {${name}}`);
    if (placeholder.kind === 'part') {
      const { part } = placeholder;
      if (part === 'extra') return EXTRA_SLOT;
      if (part === 'character')
        return render.lora && catalog.lora ? catalog.lora.triggerWord : catalog.templates.character;
      return (render.condensed ? catalog.templates.condensed?.[part] : undefined) ?? catalog.templates[part];
    }
    const dimension = catalog.dimensions.find((d) => d.id === placeholder.dimension)!;
    const option = dimension.options.find((o) => o.id === options[dimension.id]);
    if (option === undefined) throw new Error(`Catalog ${catalog.id}: no option chosen for ${dimension.id}`);
    const { field } = placeholder;
    if (field === 'prompt') return option.prompt;
    return (render.condensed ? option.condensed?.[field] : undefined) ?? option[field] ?? '';
  };
  const filled = template.replace(PLACEHOLDER, (_, name: string) => fill(name));
  const sentence = trimExtra(extra);
  if (sentence === '') return tidy(filled.replaceAll(EXTRA_SLOT, ''));
  // split/join, not replaceAll: a replacement string would expand `$\``, `$'` and `$&` typed by the person.
  return tidy(filled).split(EXTRA_SLOT).join(sentence);
};

export interface RenderedSection {
  /** Cuttable sections only: how people see it named ("dropped: lighting") and its priority. */
  name?: string;
  priority?: number;
  /** The section's sentence; '' when everything in it was empty. */
  full: string;
  /** Its shorter variant, when the catalog provides one that differs. */
  condensed?: string;
}

/** One never-cut section alone (start-up checks cost each against its own dimensions' options). */
export const renderFixedSection = (
  catalog: Catalog,
  section: string,
  options: Readonly<Record<string, string>>,
  render: Omit<RenderOptions, 'condensed'> = {},
): string => {
  const text = renderText(catalog, section, options, '', render);
  return typeof catalog.templates.layout === 'string' ? text : closeSentence(text);
};

/**
 * Every section of the layout, rendered. Sentences of a list layout are joined by single spaces: T5's
 * SentencePiece vocabulary has no piece spanning a space, so the whole prompt counts exactly as the sum of
 * its sections (see fit-prompt.ts).
 */
export const renderSections = (
  catalog: Catalog,
  options: Readonly<Record<string, string>>,
  extra: string,
  render: Omit<RenderOptions, 'condensed'> = {},
): RenderedSection[] => {
  const { layout } = catalog.templates;
  if (typeof layout === 'string') return [{ full: renderText(catalog, layout, options, extra, render) }];
  return layout.map((section) => {
    if (typeof section === 'string')
      return { full: closeSentence(renderText(catalog, section, options, extra, render)) };
    const full = closeSentence(renderText(catalog, section.text, options, extra, render));
    const condensed = closeSentence(
      section.condensed === undefined
        ? renderText(catalog, section.text, options, extra, { ...render, condensed: true })
        : renderText(catalog, section.condensed, options, extra, render),
    );
    return {
      name: section.name,
      priority: section.priority,
      full,
      ...(condensed === full ? {} : { condensed }),
    };
  });
};

/** The prompt from chosen section texts ('' ones left out). */
export const joinSections = (texts: readonly string[]): string => texts.filter((t) => t !== '').join(' ');

/** The whole layout with nothing condensed or dropped. */
export const renderLayout = (
  catalog: Catalog,
  options: Readonly<Record<string, string>>,
  extra: string,
  render: Omit<RenderOptions, 'condensed'> = {},
): string => joinSections(renderSections(catalog, options, extra, render).map((s) => s.full));

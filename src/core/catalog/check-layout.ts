import { layoutSections, listPlaceholders, parsePlaceholder, sectionTexts } from '../prompt/render-layout.js';
import type { Catalog } from './schema.js';

type Report = (path: string, message: string) => void;

/** Placeholders that stand for what is never cut: the brand's identity, the person's choices and text. */
const neverCut = (catalog: Catalog, name: string): boolean => {
  const placeholder = parsePlaceholder(catalog, name);
  if (placeholder?.kind === 'part') return placeholder.part === 'character' || placeholder.part === 'extra';
  return placeholder?.kind === 'option' && placeholder.field === 'prompt';
};

const checkPlaceholders = (catalog: Catalog, name: string, at: string, report: Report): void => {
  const placeholder = parsePlaceholder(catalog, name);
  if (placeholder === undefined) report(at, `unknown placeholder {${name}}`);
  if (placeholder?.kind !== 'option' || placeholder.field === 'prompt') return;
  // A frame without the positioning the layout asks for would silently lose it.
  const { dimension, field } = placeholder;
  const d = catalog.dimensions.findIndex((x) => x.id === dimension);
  catalog.dimensions[d]?.options.forEach((option, o) => {
    if (option[field] === undefined) {
      report(`dimensions[${d}].options[${o}].${field}`, `missing: layout uses {${name}}`);
    }
  });
};

/** Sections that may be cut hold nothing that must stay; the person's text is a section of its own. */
const checkSections = (catalog: Catalog, report: Report): void => {
  const { layout } = catalog.templates;
  if (typeof layout === 'string') return;
  const names = new Set<string>();
  let extras = 0;
  layout.forEach((section, i) => {
    const at = `templates.layout[${i}]`;
    const used = sectionTexts(section).flatMap(listPlaceholders);
    if (used.includes('extra')) {
      extras++;
      // Measured on its own, the person's text costs the prompt exactly what it is checked against.
      if (section !== '{extra}') report(at, '{extra} must be a section of its own: "{extra}"');
    }
    if (typeof section === 'string') return;
    if (names.has(section.name)) report(`${at}.name`, `duplicate section name "${section.name}"`);
    names.add(section.name);
    for (const name of used.filter((n) => neverCut(catalog, n))) {
      report(at, `{${name}} is never cut, so it cannot be in a section with a priority`);
    }
  });
  if (extras > 1) report('templates.layout', '{extra} is used more than once');
};

/** The layout's placeholders exist, every dimension is used, and what must never be cut cannot be. */
export const checkLayout = (catalog: Catalog, report: Report): void => {
  const sections = layoutSections(catalog);
  const listed = typeof catalog.templates.layout !== 'string';
  const used: string[] = [];
  sections.forEach((section, i) => {
    for (const [t, text] of sectionTexts(section).entries()) {
      const at = !listed
        ? 'templates.layout'
        : typeof section === 'string'
          ? `templates.layout[${i}]`
          : `templates.layout[${i}].${t === 0 ? 'text' : 'condensed'}`;
      for (const name of listPlaceholders(text)) {
        checkPlaceholders(catalog, name, at, report);
        used.push(name);
      }
    }
  });
  catalog.dimensions.forEach((dimension, d) => {
    if (!used.includes(dimension.id)) {
      report(`dimensions[${d}]`, `never used: templates.layout lacks {${dimension.id}}`);
    }
  });
  checkSections(catalog, report);
};

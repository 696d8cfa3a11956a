import { findViolations } from '../prompt/compatibility.js';
import { normalizeKey } from '../prompt/suggest.js';
import { checkLayout } from './check-layout.js';
import type { Catalog } from './schema.js';

/** A problem zod cannot see, located by its path in the catalog file ("rules[2].forbid.prop"). */
export interface CatalogProblem {
  path: string;
  message: string;
}

/** Discord select menus hold at most 25 options. */
export const MAX_OPTIONS = 25;

type Report = (path: string, message: string) => void;

const checkRefs = (
  catalog: Catalog,
  dimensionId: string,
  ids: readonly string[],
  path: string,
  report: Report,
) => {
  const dimension = catalog.dimensions.find((d) => d.id === dimensionId);
  if (dimension === undefined) {
    report(
      path,
      `unknown dimension "${dimensionId}" (dimensions: ${catalog.dimensions.map((d) => d.id).join(', ')})`,
    );
    return;
  }
  ids.forEach((id, i) => {
    if (!dimension.options.some((o) => o.id === id)) {
      report(`${path}[${i}]`, `"${id}" is not an option of ${dimensionId}`);
    }
  });
};

const checkDimensions = (catalog: Catalog, report: Report): void => {
  const seen = new Set<string>();
  catalog.dimensions.forEach((dimension, d) => {
    const at = `dimensions[${d}]`;
    if (seen.has(dimension.id)) report(`${at}.id`, `duplicate dimension id "${dimension.id}"`);
    seen.add(dimension.id);
    if (dimension.options.length > MAX_OPTIONS) {
      report(
        `${at}.options`,
        `${dimension.options.length} options; chat select menus hold at most ${MAX_OPTIONS}`,
      );
    }
    // Ids and labels are matched ignoring case, spaces and dashes: two options must not share a key.
    const owners = new Map<string, number>();
    dimension.options.forEach((option, o) => {
      for (const [field, value] of [
        ['id', option.id],
        ['label', option.label],
      ] as const) {
        const key = normalizeKey(value);
        const owner = owners.get(key);
        if (owner !== undefined && owner !== o) {
          const other = dimension.options[owner]!.id;
          report(`${at}.options[${o}].${field}`, `"${value}" is ambiguous with option ${owner} ("${other}")`);
        }
        owners.set(key, o);
      }
      for (const [target, ids] of Object.entries(option.allow ?? {})) {
        const path = `${at}.options[${o}].allow.${target}`;
        if (target === dimension.id) report(path, 'an option cannot constrain its own dimension');
        else checkRefs(catalog, target, ids, path, report);
      }
    });
  });
};

const checkDefaults = (catalog: Catalog, report: Report): void => {
  for (const [dimensionId, id] of Object.entries(catalog.defaults)) {
    checkRefs(catalog, dimensionId, [id], `defaults.${dimensionId}`, report);
  }
  for (const dimension of catalog.dimensions) {
    if (catalog.defaults[dimension.id] === undefined) report(`defaults.${dimension.id}`, 'missing default');
  }
  for (const violation of findViolations(catalog, catalog.defaults)) {
    report('defaults', `the defaults conflict with each other (${violation.involves.join(' / ')})`);
  }
};

const checkRules = (catalog: Catalog, report: Report): void => {
  catalog.rules.forEach((rule, r) => {
    for (const [dim, ids] of Object.entries(rule.when)) {
      checkRefs(catalog, dim, ids, `rules[${r}].when.${dim}`, report);
    }
    for (const [dim, ids] of Object.entries(rule.forbid)) {
      const path = `rules[${r}].forbid.${dim}`;
      if (dim in rule.when) report(path, 'a rule cannot forbid a dimension it is conditioned on');
      else checkRefs(catalog, dim, ids, path, report);
    }
  });
};

const checkSequence = (catalog: Catalog, report: Report): void => {
  if (!catalog.dimensions.some((d) => d.id === catalog.styleDimension)) {
    report('styleDimension', `unknown dimension "${catalog.styleDimension}"`);
  }
  const { sequence } = catalog;
  if (sequence === undefined) return;
  checkRefs(catalog, sequence.dimension, sequence.frames, 'sequence.frames', report);
  if (new Set(sequence.frames).size !== sequence.frames.length) {
    report('sequence.frames', 'a frame is listed twice');
  }
};

/** Cross-references the schema cannot express. Empty when the catalog is consistent. */
export const checkCatalog = (catalog: Catalog): CatalogProblem[] => {
  const problems: CatalogProblem[] = [];
  const report: Report = (path, message) => problems.push({ path, message });
  checkDimensions(catalog, report);
  checkDefaults(catalog, report);
  checkRules(catalog, report);
  checkSequence(catalog, report);
  checkLayout(catalog, report);
  return problems;
};

import type { Catalog, CatalogDimension, CatalogRule } from '../catalog/schema.js';
import { UserError } from '../errors.js';

/** Option ids keyed by dimension id; may be partial while defaults are being filled in. */
export type Selection = Readonly<Record<string, string>>;

export type Violation =
  /** An option's `allow` (a frame's pose list, say) does not include what `target` holds. */
  | { kind: 'allow'; source: string; target: string; allowed: readonly string[]; involves: readonly string[] }
  /** A catalog rule forbids what `target` holds next to the `when` options. */
  | { kind: 'rule'; rule: CatalogRule; target: string; involves: readonly string[] };

const dimensionById = (catalog: Catalog, id: string): CatalogDimension | undefined =>
  catalog.dimensions.find((d) => d.id === id);

/** Every conflict among the dimensions already chosen, in catalog order. Undecided dimensions never conflict. */
export const findViolations = (catalog: Catalog, selection: Selection): Violation[] => {
  const found: Violation[] = [];
  for (const dimension of catalog.dimensions) {
    const option = dimension.options.find((o) => o.id === selection[dimension.id]);
    for (const [target, allowed] of Object.entries(option?.allow ?? {})) {
      const value = selection[target];
      if (value !== undefined && !allowed.includes(value)) {
        found.push({
          kind: 'allow',
          source: dimension.id,
          target,
          allowed,
          involves: [dimension.id, target],
        });
      }
    }
  }
  for (const rule of catalog.rules) {
    const applies = Object.entries(rule.when).every(([dim, ids]) => ids.includes(selection[dim] ?? ''));
    if (!applies) continue;
    for (const [target, forbidden] of Object.entries(rule.forbid)) {
      if (forbidden.includes(selection[target] ?? '')) {
        found.push({ kind: 'rule', rule, target, involves: [...Object.keys(rule.when), target] });
      }
    }
  }
  return found;
};

/** True when `dimension` may hold `value` next to everything else already chosen. */
export const fits = (catalog: Catalog, selection: Selection, dimension: string, value: string): boolean =>
  findViolations(catalog, { ...selection, [dimension]: value }).every((v) => !v.involves.includes(dimension));

/** The first candidate that fits, if any. */
export const pickFitting = (
  catalog: Catalog,
  selection: Selection,
  dimension: string,
  candidates: Iterable<string>,
): string | undefined => {
  for (const candidate of candidates) if (fits(catalog, selection, dimension, candidate)) return candidate;
  return undefined;
};

const labelOf = (catalog: Catalog, dimension: string, option: string): string =>
  dimensionById(catalog, dimension)?.options.find((o) => o.id === option)?.label ?? option;

const dimensionName = (catalog: Catalog, dimension: string): string =>
  (dimensionById(catalog, dimension)?.label ?? dimension).toLowerCase();

const describe = (catalog: Catalog, selection: Selection, dimension: string): string =>
  `${dimensionName(catalog, dimension)} "${labelOf(catalog, dimension, selection[dimension]!)}"`;

const capitalize = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

const listLabels = (catalog: Catalog, dimension: string, ids: readonly string[]): string =>
  ids.map((id) => labelOf(catalog, dimension, id)).join(', ');

const toUserError = (catalog: Catalog, selection: Selection, violation: Violation): UserError => {
  const { target } = violation;
  const targetName = dimensionName(catalog, target);
  if (violation.kind === 'allow') {
    const message =
      `${capitalize(describe(catalog, selection, violation.source))} only allows ${targetName} ` +
      `${listLabels(catalog, target, violation.allowed)}; you chose "${labelOf(catalog, target, selection[target]!)}".`;
    return new UserError('frame_violation', message, { allowed: violation.allowed, field: target });
  }
  const whenDims = Object.keys(violation.rule.when);
  const options = dimensionById(catalog, target)?.options ?? [];
  const allowed = options.filter((o) => fits(catalog, selection, target, o.id)).map((o) => o.id);
  const pair = whenDims.map((dim) => describe(catalog, selection, dim)).join(' and ');
  const instead =
    allowed.length > 0
      ? `With that choice you can use ${targetName} ${listLabels(catalog, target, allowed)}.`
      : `Change the ${whenDims.map((d) => dimensionName(catalog, d)).join(' or ')} instead.`;
  const message = `${capitalize(pair)} can't be combined with ${describe(catalog, selection, target)}: ${violation.rule.reason} ${instead}`;
  return new UserError('incompatible', message, { allowed, field: target });
};

/** Throws the first conflict as a UserError ('frame_violation' for `allow`, 'incompatible' for rules). */
export const assertCompatible = (catalog: Catalog, selection: Selection): void => {
  const [first] = findViolations(catalog, selection);
  if (first !== undefined) throw toUserError(catalog, selection, first);
};

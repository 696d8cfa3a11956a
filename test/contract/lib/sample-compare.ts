/**
 * Field-by-field comparison of a payload with a recorded real one: keys the real payload has that ours
 * lacks, keys ours has that the real one never had, and values whose JSON type differs. Paths are dotted,
 * with `[]` for array elements (`messages[].ts`), as the allow-lists spell them.
 */
import type { Problem } from './problem.js';

export type JsonType = 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object';
export const jsonType = (value: unknown): JsonType =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as JsonType);

export interface SampleRules {
  /** Where the sample comes from (repo, path), for the report. */
  source: string;
  /**
   * Which of the sample's keys ours must have: 'all' (a real example of this very payload), or the
   * paths the platform always sends (the sample merges optional fields, e.g. java-slack-sdk's logs).
   */
  required: 'all' | readonly string[];
  /** Keys ours may have that the sample lacks ('documented elsewhere'): false for merged samples. */
  extraAllowed: boolean;
  /** Path → why ours may differ there (absent, extra, or another type). Every entry needs a reason. */
  allow?: Readonly<Record<string, string>>;
  /** Paths whose content is not compared (e.g. Block Kit arrays, checked against Block Kit's limits). */
  opaque?: readonly string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => jsonType(v) === 'object';

export function compareWithSample(
  actual: unknown,
  sample: unknown,
  where: string,
  rules: SampleRules,
): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => {
    if (rules.allow?.[path] === undefined)
      problems.push({ where: `${where} ${path}`, message, source: rules.source });
  };
  const requiredHere = (path: string) => rules.required === 'all' || rules.required.includes(path);
  const walk = (a: unknown, s: unknown, path: string) => {
    if (rules.opaque?.includes(path)) return;
    const [ta, ts] = [jsonType(a), jsonType(s)];
    // A nullable field is null in one and set in the other: both are the field's type.
    if (ta === 'null' || ts === 'null') return;
    if (ta !== ts) return add(path, `is ${ta}; the recorded payload has ${ts}`);
    if (ta === 'array') {
      const [first] = s as unknown[];
      if (first !== undefined) for (const item of a as unknown[]) walk(item, first, `${path}[]`);
      return;
    }
    if (!isObject(a) || !isObject(s)) return;
    const prefix = path ? `${path}.` : '';
    for (const key of Object.keys(s)) {
      if (key in a) walk(a[key], s[key], `${prefix}${key}`);
      else if (requiredHere(`${prefix}${key}`))
        add(`${prefix}${key}`, 'is missing; the recorded payload has it');
    }
    if (!rules.extraAllowed)
      for (const key of Object.keys(a))
        if (!(key in s) && !rules.opaque?.includes(`${prefix}${key}`))
          add(`${prefix}${key}`, 'is not in the recorded payload (an invented field?)');
  };
  walk(actual, sample, '');
  return problems;
}

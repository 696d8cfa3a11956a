/** Assertions for checkers.test files: a checker's problems name the place and say what is wrong. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { formatProblems, type Problem } from './problem.js';

export type Json = Record<string, unknown>;

/** A recorded sample (../samples/<path>.json). */
export const sample = (path: string): Json =>
  JSON.parse(readFileSync(new URL(`../samples/${path}.json`, import.meta.url), 'utf8')) as Json;

/** Asserts one problem is at `where` (a substring) and its message contains `message`. */
export function expectProblem(problems: readonly Problem[], where: string, message: string): void {
  const hit = problems.some((p) => p.where.includes(where) && p.message.includes(message));
  expect(hit, `no problem at "${where}" saying "${message}" in:\n${formatProblems(problems)}`).toBe(true);
}

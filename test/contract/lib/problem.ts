/** One way a recorded request or payload departs from the platform's published contract. */
export interface Problem {
  /** What was checked: the call or payload, and the JSON path inside it. */
  where: string;
  message: string;
  /** The spec, doc page or sample the rule comes from. */
  source: string;
}

/** One line per problem, for assertion messages. */
export const formatProblems = (problems: readonly Problem[]): string =>
  problems.map((p) => `${p.where}: ${p.message} [${p.source}]`).join('\n');

/**
 * The problems no allow-list entry excuses. A key excuses every problem whose "<where>: <message>" contains
 * it, so a broad key can hide more than it meant to: checkers.test.ts runs its bad inputs through here too.
 */
export const withoutAllowed = (
  problems: readonly Problem[],
  allow: Readonly<Record<string, string>>,
): Problem[] =>
  problems.filter((p) => !Object.keys(allow).some((key) => `${p.where}: ${p.message}`.includes(key)));

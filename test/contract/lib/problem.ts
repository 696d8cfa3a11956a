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

import { readFile } from 'node:fs/promises';
import { parseBlocklistText } from './blocklist.js';

/**
 * Reads MODERATION_BLOCKLIST_FILE at start-up. `problemOf` says why an entry is unusable (config's
 * blocklistEntryProblem); each problem names the file and line so the operator can fix it.
 */
export async function readBlocklistFile(
  path: string,
  problemOf: (entry: string) => string | undefined,
): Promise<{ entries: string[]; problems: string[] }> {
  const lines = parseBlocklistText(await readFile(path, 'utf8'));
  const problems: string[] = [];
  for (const { line, entry } of lines) {
    const problem = problemOf(entry);
    if (problem) problems.push(`${path} line ${line}: ${problem}`);
  }
  return { entries: lines.map((l) => l.entry), problems };
}

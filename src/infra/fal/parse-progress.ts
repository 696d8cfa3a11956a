const STEP = /\bstep\s*(\d+)\s*(?:\/|of)\s*(\d+)/i;
/** tqdm, as diffusion pipelines print it: " 75%|███████▌  | 3/4 [00:01<00:00, 2.9it/s]". */
const TQDM = /\|\s*(\d+)\s*\/\s*(\d+)\s*\[/;
const PERCENT = /(\d{1,3}(?:\.\d+)?)\s*%/;

function fraction(match: RegExpExecArray | null): number | undefined {
  if (!match) return undefined;
  const done = Number(match[1]);
  const total = Number(match[2]);
  return total > 0 && done <= total ? done / total : undefined;
}

/** Progress 0..1 from the newest log line that reports it, or undefined when none does. */
export function parseProgress(logs: readonly { message?: unknown }[] | null | undefined): number | undefined {
  if (!logs) return undefined;
  for (let i = logs.length - 1; i >= 0; i--) {
    const message = logs[i]?.message;
    if (typeof message !== 'string') continue;
    const value = fraction(STEP.exec(message)) ?? fraction(TQDM.exec(message));
    if (value !== undefined) return value;
    const percent = PERCENT.exec(message);
    if (percent && Number(percent[1]) <= 100) return Number(percent[1]) / 100;
  }
  return undefined;
}

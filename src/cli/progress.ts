/** A one-line progress bar on stderr (plain lines when stderr is not a terminal). */
export function createProgress(total: number, label: string) {
  const tty = process.stderr.isTTY === true;
  let lastPrinted = -1;
  return (done: number, failed: number, note = '') => {
    const finished = done + failed;
    const width = 30;
    const filled = total === 0 ? width : Math.round((finished / total) * width);
    const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${finished}/${total} (${failed} failed)${note ? ` ${note}` : ''}`;
    if (tty) process.stderr.write(`\r${line}\x1b[K${finished === total ? '\n' : ''}`);
    else if (
      finished !== lastPrinted &&
      (finished === total || finished % Math.max(1, Math.ceil(total / 10)) === 0)
    ) {
      lastPrinted = finished;
      process.stderr.write(`${line}\n`);
    }
  };
}

import { describe, expect, it } from 'vitest';
import { parseProgress } from '../../../../src/infra/fal/parse-progress.js';

const logs = (...messages: string[]) => messages.map((message) => ({ message }));

describe('parseProgress', () => {
  it('reads the newest "step n/m" line', () => {
    expect(parseProgress(logs('Starting inference', 'step 1/4', 'step 3/4'))).toBe(0.75);
    expect(parseProgress(logs('Step 2 of 8'))).toBe(0.25);
  });

  it('reads tqdm bars and percentages', () => {
    expect(parseProgress(logs(' 50%|█████     | 2/4 [00:01<00:01,  2.1it/s]'))).toBe(0.5);
    expect(parseProgress(logs('progress 40%'))).toBe(0.4);
  });

  it('skips lines without progress and ignores impossible values', () => {
    expect(parseProgress(logs('step 2/4', 'Saving image'))).toBe(0.5);
    expect(parseProgress(logs('step 5/4'))).toBeUndefined();
    expect(parseProgress(logs('Loading model'))).toBeUndefined();
    expect(parseProgress(null)).toBeUndefined();
    expect(parseProgress([])).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { createEventWindow } from '../../../../src/core/alerts/event-window.js';

describe('event window', () => {
  it('keeps what happened in the last windowMs, oldest first', () => {
    const w = createEventWindow<string>(1_000);
    w.add(0, 'a');
    w.add(500, 'b');
    w.add(999, 'c');
    expect(w.values(999)).toEqual(['a', 'b', 'c']);
    expect(w.values(1_000)).toEqual(['b', 'c']);
    expect(w.values(1_999)).toEqual([]);
  });
});

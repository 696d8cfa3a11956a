import { describe, expect, it } from 'vitest';
import { createKeyedLock } from '../../../../src/core/policy/keyed-lock.js';

/** A section that waits until released by the test, recording when it ran. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    open,
    section: async () => {
      log.push(`${name} start`);
      await opened;
      log.push(`${name} end`);
      return name;
    },
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('createKeyedLock', () => {
  it('runs sections of one key one at a time, in arrival order', async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const c = gate(log, 'c');
    const results = [lock('k', a.section), lock('k', b.section), lock('k', c.section)];
    await tick();
    expect(log).toEqual(['a start']);
    c.open();
    b.open();
    await tick();
    expect(log).toEqual(['a start']);
    a.open();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('lets other keys run meanwhile, and a failing section does not block the next', async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const held = gate(log, 'held');
    const first = lock('x', held.section);
    expect(await lock('y', async () => 'other key')).toBe('other key');
    const failing = lock('x', async () => {
      throw new Error('boom');
    });
    const after = lock('x', async () => 'after');
    held.open();
    await first;
    await expect(failing).rejects.toThrow('boom');
    expect(await after).toBe('after');
  });
});

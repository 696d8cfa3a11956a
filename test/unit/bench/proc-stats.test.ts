import { describe, expect, it } from 'vitest';
import { parseProcStat, parseProcStatus, readCpuMs, readMemory } from '../../../bench/proc-stats.js';

// A real /proc/<pid>/stat line, with a command name holding a space and a parenthesis.
const STAT =
  '4242 (node (worker) x) S 4200 4242 4200 34816 4242 4194304 81234 0 12 0 1234 567 3 1 20 0 11 0 9876543 1234567890 51234 18446744073709551615 1 1 0 0 0 0 0 16781312 134235650 0 0 0 17 1 0 0 0 0 0';

describe('parseProcStat', () => {
  it('reads utime and stime (fields 14 and 15) even when the command name has spaces and parentheses', () => {
    expect(parseProcStat(STAT)).toEqual({ utime: 1234, stime: 567 });
  });

  it('refuses text that is not a stat line', () => {
    expect(() => parseProcStat('no parenthesis here')).toThrow();
    expect(() => parseProcStat('1 (x) S 1 2')).toThrow();
  });
});

describe('parseProcStatus', () => {
  it('reads VmRSS and VmHWM in kB', () => {
    const status =
      'Name:\tnode\nVmPeak:\t 1000000 kB\nVmHWM:\t  214336 kB\nVmRSS:\t  201000 kB\nThreads:\t11\n';
    expect(parseProcStatus(status)).toEqual({ rssKb: 201000, hwmKb: 214336 });
  });

  it('says which field is missing', () => {
    expect(() => parseProcStatus('VmRSS:\t 1 kB\n')).toThrow(/VmHWM/);
  });
});

describe('reading this process', () => {
  it('CPU time grows by what the process computes (counted in CPU time, not wall time)', () => {
    const before = readCpuMs(process.pid, 100);
    const start = process.cpuUsage();
    let x = 0;
    // 100 ms of CPU by Node's own count, however busy the machine is.
    while (process.cpuUsage(start).user < 100_000) for (let i = 0; i < 10_000; i++) x += Math.sqrt(x + i);
    expect(x).toBeGreaterThan(0);
    // /proc counts in 10 ms ticks.
    expect(readCpuMs(process.pid, 100) - before).toBeGreaterThanOrEqual(80);
  });

  it('peak resident memory is at least the current one', () => {
    const m = readMemory(process.pid);
    expect(m.rssKb).toBeGreaterThan(0);
    expect(m.hwmKb).toBeGreaterThanOrEqual(m.rssKb);
  });
});

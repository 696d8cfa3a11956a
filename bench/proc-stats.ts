/** CPU time and memory of another process, from Linux's /proc (the bot runs as a child process). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface CpuTicks {
  utime: number;
  stime: number;
}

export interface MemoryKb {
  /** Resident set size now. */
  rssKb: number;
  /** Peak resident set size since the process started (VmHWM). */
  hwmKb: number;
}

/**
 * utime and stime (fields 14 and 15) of /proc/<pid>/stat. The command name (field 2) may hold spaces and
 * parentheses, so fields are counted from the last ')'.
 */
export function parseProcStat(text: string): CpuTicks {
  const end = text.lastIndexOf(')');
  if (end < 0) throw new Error('not a /proc/<pid>/stat line');
  // After ')' come field 3 (state) onwards: utime is field 14, i.e. index 11 here.
  const fields = text
    .slice(end + 1)
    .trim()
    .split(/\s+/);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('no utime/stime in /proc stat');
  return { utime, stime };
}

/** VmRSS and VmHWM (kB) of /proc/<pid>/status. */
export function parseProcStatus(text: string): MemoryKb {
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
    if (!match) throw new Error(`no ${name} in /proc status`);
    return Number(match[1]);
  };
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

/** The kernel's clock tick (USER_HZ) that /proc counts CPU time in, almost always 100. */
export function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** User + system CPU time the process has used so far, in ms (resolution: one tick, usually 10 ms). */
export function readCpuMs(pid: number, ticksPerSecond: number): number {
  const { utime, stime } = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  return ((utime + stime) * 1000) / ticksPerSecond;
}

export function readMemory(pid: number): MemoryKb {
  return parseProcStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
}

export const kbToMb = (kb: number): number => kb / 1024;

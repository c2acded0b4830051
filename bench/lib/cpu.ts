import { readFileSync } from 'node:fs';
import { processTree } from './memory.ts';

/**
 * CPU time of a benchmark target: user + system seconds of its processes and all their
 * descendants, read from Linux's /proc (null elsewhere). A loaded machine stretches a target's
 * wall time, not the CPU it spends on a request, so CPU per request compares targets (and ways of
 * sending a request) even when the machine is shared.
 */

const TICKS_PER_SECOND = 100;

/** utime + stime of one process in seconds (null when it is gone or /proc is not there). */
function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: the fields after it start past the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** The CPU seconds the processes (with their descendants) have used so far; null when none can be read. */
export function cpuSeconds(pids: readonly number[]): number | null {
  let total: number | null = null;
  for (const pid of pids) {
    for (const p of processTree(pid)) {
      const s = processCpuSeconds(p);
      if (s !== null) total = (total ?? 0) + s;
    }
  }
  return total;
}

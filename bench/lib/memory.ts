import { readdirSync, readFileSync } from 'node:fs';

/**
 * Resident memory of a benchmark target while it is measured. A target may fork (Hive Gateway's
 * `--fork 1` runs its worker as a child of a primary process), so a sample is the sum over the
 * process and all its descendants, read from Linux's /proc. Elsewhere every sample is null and the
 * results say so.
 */

/** The process and its descendants (children listed by the kernel per thread in /proc/<pid>/task/<tid>/children). */
export function processTree(pid: number): number[] {
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const next = queue.shift()!;
    tree.push(next);
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${next}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        for (const child of readFileSync(`/proc/${next}/task/${task}/children`, 'utf8').split(' ')) {
          const n = Number(child);
          if (n > 0 && !tree.includes(n) && !queue.includes(n)) queue.push(n);
        }
      } catch {
        // The thread ended between the listing and the read.
      }
    }
  }
  return tree;
}

/** VmRSS of one process in bytes (null when it is gone or /proc is not there). */
function rssBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The resident memory of `pids` and all their descendants now, in bytes; null when none could be read. */
export function treeRssBytes(pids: readonly number[]): number | null {
  let total: number | null = null;
  for (const root of pids) {
    for (const pid of processTree(root)) {
      const rss = rssBytes(pid);
      if (rss !== null) total = (total ?? 0) + rss;
    }
  }
  return total;
}

/** A running sampler; `stop()` returns the highest sum seen, in MB (null: nothing could be read). */
export interface RssSampler {
  stop(): number | null;
}

/**
 * Samples the resident memory of `pids` (with their descendants) every `everyMs` until stopped, and
 * keeps the peak. Sampling, not the kernel's own high-water mark (VmHWM), because VmHWM is per
 * process and since its start: it cannot be summed over a forked worker nor limited to the rounds.
 */
export function sampleRss(pids: readonly number[], everyMs = 200): RssSampler {
  let peak: number | null = null;
  const take = () => {
    const now = treeRssBytes(pids);
    if (now !== null && (peak === null || now > peak)) peak = now;
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak === null ? null : Math.round((peak / 1024 ** 2) * 10) / 10;
    },
  };
}

import { cpus, totalmem } from 'node:os';
import type { Summary } from './compare.ts';

/** One scenario × query × target row of `bench/results/latest.json`. */
export interface Entry {
  /** `federation` (the standard workload), `hub` (the hub's own workload), `nodes` (three experts nodes vs one) or `scale`. */
  scenario: string;
  query: string;
  target: string;
  /** Seeded talents (hub and scale scenarios). */
  talents?: number;
  /** Correct answers per second (median over rounds). */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Wrong answers, non-2xx answers, connection errors and timeouts, over all rounds and the warm-up. */
  errors: number;
  subgraphFetchesPerRequest: number | null;
  /** Store calls the hub's subgraphs made per request (hub and scale scenarios; null elsewhere). */
  storeCallsPerRequest: number | null;
  /** The highest resident memory of the target's processes (with their children) sampled during its rounds, in MB; null when not sampled. */
  peakRssMb: number | null;
  /**
   * CPU time (user + system) of the target's processes (the gateway's; straight to a subgraph, the
   * node's) per request sent, backlog included, median over rounds, in ms; null when not read.
   * Optional: results files written before it lack it.
   */
  cpuMsPerRequest?: number | null;
  /** The load generator's own CPU time per request (median over rounds, ms). Optional: results files written before it lack it. */
  loadCpuMsPerRequest?: number;
  /** Concurrent connections of the load, when not the run's `--connections` (the one-connection rows: 1). */
  connections?: number;
  ok: boolean;
  rounds: Summary['rounds'];
  note?: string;
}

export function entryOf(scenario: string, query: string, target: string, summary: Summary, extra: { talents?: number; note?: string; connections?: number } = {}): Entry {
  return {
    scenario,
    query,
    target,
    ...(extra.talents !== undefined ? { talents: extra.talents } : {}),
    ...(extra.connections !== undefined ? { connections: extra.connections } : {}),
    rps: round(summary.rps, 1),
    p50Ms: round(summary.p50Ms, 1),
    p99Ms: round(summary.p99Ms, 1),
    errors: summary.errors,
    subgraphFetchesPerRequest: summary.subgraphFetchesPerRequest === null ? null : round(summary.subgraphFetchesPerRequest, 2),
    storeCallsPerRequest: summary.storeCallsPerRequest === null ? null : round(summary.storeCallsPerRequest, 2),
    peakRssMb: summary.peakRssMb,
    cpuMsPerRequest: summary.cpuMsPerRequest === null ? null : round(summary.cpuMsPerRequest, 2),
    loadCpuMsPerRequest: round(summary.loadCpuMsPerRequest, 3),
    ok: summary.ok,
    rounds: summary.rounds.map((r) => ({
      rps: round(r.rps, 1),
      p50Ms: r.p50Ms,
      p99Ms: r.p99Ms,
      errors: r.errors,
      fetchesPerRequest: r.fetchesPerRequest === null ? null : round(r.fetchesPerRequest, 2),
      storeCallsPerRequest: r.storeCallsPerRequest === null ? null : round(r.storeCallsPerRequest, 2),
      peakRssMb: r.peakRssMb,
      cpuMsPerRequest: r.cpuMsPerRequest === null ? null : round(r.cpuMsPerRequest, 2),
      loadCpuMsPerRequest: round(r.loadCpuMsPerRequest, 3),
    })),
    ...(extra.note ? { note: extra.note } : summary.firstWrong ? { note: `first wrong answer: ${summary.firstWrong.slice(0, 300)}` } : {}),
  };
}

/** A target that could not be measured (did not start, or answered wrong before the load). */
export function failedEntry(scenario: string, query: string, target: string, note: string, talents?: number, connections?: number): Entry {
  return {
    scenario,
    query,
    target,
    ...(talents !== undefined ? { talents } : {}),
    ...(connections !== undefined ? { connections } : {}),
    rps: 0,
    p50Ms: 0,
    p99Ms: 0,
    errors: 1,
    subgraphFetchesPerRequest: null,
    storeCallsPerRequest: null,
    peakRssMb: null,
    cpuMsPerRequest: null,
    ok: false,
    rounds: [],
    note,
  };
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function machineInfo() {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Prints the entries as a fixed-width table. */
export function formatTable(entries: Entry[]): string {
  const header = ['scenario', 'query', 'talents', 'target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'fetches/req', 'store calls/req', 'peak RSS MB', 'CPU ms/req', 'ok'];
  const rows = entries.map((e) => [
    e.scenario,
    e.query,
    e.talents === undefined ? '' : String(e.talents),
    e.connections === undefined ? e.target : `${e.target} (${e.connections} conn.)`,
    e.rps.toFixed(1),
    e.p50Ms.toFixed(1),
    e.p99Ms.toFixed(1),
    String(e.errors),
    e.subgraphFetchesPerRequest === null ? '-' : e.subgraphFetchesPerRequest.toFixed(2),
    e.storeCallsPerRequest === null ? '-' : e.storeCallsPerRequest.toFixed(2),
    e.peakRssMb === null ? '-' : e.peakRssMb.toFixed(0),
    e.cpuMsPerRequest === null || e.cpuMsPerRequest === undefined ? '-' : e.cpuMsPerRequest.toFixed(1),
    e.ok ? 'yes' : 'FAILED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = new Set([2, 4, 5, 6, 7, 8, 9, 10, 11]);
  const line = (cells: string[]) => cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the gateway's heap grow past what a full collection found live before it
 * collects again: ×2 (`--heap-growing-percent=100`) instead of V8's own factor, which on a machine
 * with enough memory goes up to ×4. The gateway's live heap is mostly module code and caches
 * (50-60 MB under the federation workload); what a request allocates dies with it, so with ×4 the
 * peak resident memory was mostly garbage waiting for the next full collection. Peak RSS over 300
 * federation requests at 50 in flight, medians of 2 fresh processes, three runs: V8's factor 309,
 * 314, 305 MB; ×2 243, 264, 258 MB; @apollo/gateway 294, 270, 263 MB; CPU per request within the
 * runs' noise (×2 has 10 full collections where V8's factor has 6).
 */
const GATEWAY_HEAP_GROWING_PERCENT = 100;

/** The V8 options that, given on the command line, decide the heap's growth themselves (then the gateway leaves it alone). */
const OWN_CHOICE = /^--(heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size|max[-_]heap[-_]size)(=|$)/;

/**
 * The V8 flag the gateway sets on itself, or undefined when the process was started with its own
 * choice (`node --heap-growing-percent=0 …` restores V8's default; `--max-old-space-size` also
 * decides the growth, so it is left alone as well).
 */
function heapGrowthFlag(execArgv: readonly string[] = process.execArgv): string | undefined {
  return execArgv.some((arg) => OWN_CHOICE.test(arg)) ? undefined : `--heap-growing-percent=${GATEWAY_HEAP_GROWING_PERCENT}`;
}

/**
 * Sets the gateway process's heap growth (above) unless its command line chose one; returns the
 * flag set (undefined: none). V8 reads the
 * factor at every full collection, so setting it at start, after the modules loaded, takes effect
 * from the next collection on. Called by the gateway's entry (gateway/index.ts) and by the
 * benchmark's hub target, which must run as the product does.
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): string | undefined {
  const flag = heapGrowthFlag(execArgv);
  if (flag) setFlagsFromString(flag);
  return flag;
}

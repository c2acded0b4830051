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

/**
 * The node flags the gateway's process is started with, by every launcher of it (`npm start`,
 * `npm run start:gateway`, the image's `hub gateway`, the tests and the benchmark; they are
 * flags V8 reads only when it sets the heap up, so the process cannot give them to itself):
 *
 * - `--max-semi-space-size=32`: a young generation of 2 x 32 MB instead of 2 x 16 MB. Nearly all
 *   of what the gateway allocates (parsed subgraph answers, shaped results, the serialized
 *   response) dies with its request; with 16 MB semi-spaces a scavenge ran every few requests at
 *   50 in flight and copied the live requests' objects each time. Measured on the federation
 *   benchmark's query, sharing off, 50 connections, interleaved rounds of the same build:
 *   69.5 -> 81.0 req/s, CPU 15.8 -> 13.3 ms/request, peak RSS 230 -> 267 MB (@apollo/gateway
 *   344 MB in the same run); under talentById CPU per request 5 % lower. 64 MB bought nothing
 *   more under talentById and cost 90 MB.
 */
export const GATEWAY_NODE_ARGS: readonly string[] = ['--max-semi-space-size=32'];

const SEMI_SPACE = /(^|\s)--max[-_]semi[-_]space[-_]size(=|\s|$)/;

/**
 * What to tell the operator when the gateway's process was started without a young-generation
 * size of its own (neither on its command line nor in NODE_OPTIONS): undefined when it was.
 */
export function youngGenerationAdvice(execArgv: readonly string[] = process.execArgv, nodeOptions: string | undefined = process.env.NODE_OPTIONS): string | undefined {
  if (execArgv.some((arg) => SEMI_SPACE.test(arg)) || SEMI_SPACE.test(nodeOptions ?? '')) return undefined;
  return `the gateway was started without ${GATEWAY_NODE_ARGS.join(' ')} (node's own young generation, 16 MB semi-spaces): it runs, at about 15 % more CPU per request under load. Start it with \`node ${GATEWAY_NODE_ARGS.join(' ')} dist/gateway/index.js\` (as \`hub gateway\` and \`npm start\` do) or put the flag in NODE_OPTIONS.`;
}

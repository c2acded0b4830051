import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GATEWAY_NODE_ARGS, limitHeapGrowth, youngGenerationAdvice } from '../../gateway/heap.ts';
import { entryNodeArgs, HUB_ENTRIES } from '../../scripts/lib/processes.ts';

/** limitHeapGrowth run in a child process (it sets a V8 flag on the process that calls it), with `nodeArgs` on its command line. */
function childSets(nodeArgs: string[]): { flag: string; stderr: string; status: number | null } {
  const run = spawnSync(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', '--input-type=module', '-e', "const { limitHeapGrowth } = await import('./gateway/heap.ts'); console.log(String(limitHeapGrowth()));"],
    { encoding: 'utf8' },
  );
  return { flag: run.stdout.trim(), stderr: run.stderr, status: run.status };
}

describe('the gateway heap growth (gateway/heap.ts)', () => {
  it('is set to x2 in a process whose command line chose none', () => {
    expect(childSets(['--enable-source-maps'])).toEqual({ flag: '--heap-growing-percent=100', stderr: '', status: 0 });
  });

  it("leaves a process alone whose command line decides the heap's growth", () => {
    // Given the arguments, nothing is set (so this process is not changed).
    for (const own of ['--heap-growing-percent=0', '--heap_growing_percent=300', '--max-old-space-size=512', '--max_old_space_size=2048', '--max-heap-size=1024']) {
      expect(limitHeapGrowth(['--enable-source-maps', own]), own).toBeUndefined();
    }
    expect(childSets(['--max-old-space-size=512']).flag).toBe('undefined');
  });

  // v8.setFlagsFromString ignores a name V8 does not know; node itself refuses one, so this fails if the flag is misspelt or gone.
  it('is an option the running Node.js knows', () => {
    const { flag } = childSets([]);
    const run = spawnSync(process.execPath, [flag, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe("the gateway's node flags (gateway/heap.ts, GATEWAY_NODE_ARGS)", () => {
  it('are options the running Node.js takes on its command line and in NODE_OPTIONS', () => {
    expect(GATEWAY_NODE_ARGS).toContain('--max-semi-space-size=32');
    const direct = spawnSync(process.execPath, [...GATEWAY_NODE_ARGS, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(direct.stderr).toBe('');
    expect(direct.status).toBe(0);
    const options = spawnSync(process.execPath, ['-e', 'process.exit(0)'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: GATEWAY_NODE_ARGS.join(' ') } });
    expect(options.stderr).toBe('');
    expect(options.status).toBe(0);
  });

  it('are what every launcher of the gateway starts it with', () => {
    // startService (npm start, the tests, the benchmark, deploy/measure-memory.ts): the gateway's entries, as source or compiled.
    for (const entry of [
      HUB_ENTRIES.gateway,
      'dist/gateway/index.js',
      '/cache/hub-bench/0123/gateway/index.js',
      'bench/targets/hub.ts',
      '/cache/hub-bench/0123/bench/targets/hub.js',
      'bench/federation/documents.ts',
      '/cache/hub-bench/0123/bench/federation/documents.js',
    ]) {
      expect(entryNodeArgs(entry), entry).toEqual(GATEWAY_NODE_ARGS);
    }
    for (const entry of [
      HUB_ENTRIES.experts,
      HUB_ENTRIES.projects,
      HUB_ENTRIES.coordination,
      'bench/targets/apollo-gateway.ts',
      'bench/federation/varied.ts',
      'scripts/hub.ts',
      'partners/hainan/index.ts',
    ]) {
      expect(entryNodeArgs(entry), entry).toEqual([]);
    }
    // The image's `hub gateway` and `npm run start:gateway` (their own command lines).
    const image = readFileSync('deploy/docker-entrypoint.sh', 'utf8');
    expect(image).toContain(`exec node ${GATEWAY_NODE_ARGS.join(' ')} dist/gateway/index.js "$@"`);
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start:gateway']).toContain(`tsx ${GATEWAY_NODE_ARGS.join(' ')} gateway/index.ts`);
  });

  it('are asked for, with how, when the process was started without a young generation of its own', () => {
    const advice = youngGenerationAdvice(['--enable-source-maps'], undefined);
    expect(advice).toContain('--max-semi-space-size=32');
    expect(advice).toContain('NODE_OPTIONS');
    expect(youngGenerationAdvice(['--enable-source-maps'], '--max-old-space-size=512')).toBe(advice);
    for (const given of [['--max-semi-space-size=32'], ['--max_semi_space_size=64'], ['--import', 'tsx', '--max-semi-space-size=16']]) {
      expect(youngGenerationAdvice(given, undefined), given.join(' ')).toBeUndefined();
    }
    expect(youngGenerationAdvice([], '--max-semi-space-size=32')).toBeUndefined();
    expect(youngGenerationAdvice([], '--enable-source-maps --max-semi-space-size=24')).toBeUndefined();
  });
});

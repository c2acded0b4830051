import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBodyChecker } from '../lib/canonical.ts';
import { compiledTarget } from '../lib/compiled.ts';
import { BENCH_GATEWAY_ENV } from '../lib/hub-settings.ts';
import { compareInterleaved, type FetchCounter, type LoadSettings, type Target } from '../lib/compare.ts';
import { freePort, postGraphQL, type Service, startService, waitUntil } from '../lib/process.ts';
import { type Entry, entryOf, failedEntry } from '../lib/results.ts';
import { VARIANT_COUNT, VARIED_OPERATION, variedBodies, variedProbe } from './varied.ts';
import { verifyThroughGateway } from './verify.ts';
import { loadWorkload, rewriteRoutingUrls } from './workload.ts';
import { documentsBody, startDocumentsTarget } from './documents.ts';

/** Every target `--targets` may name. */
export const FEDERATION_TARGETS = [
  'hub',
  'hub-nodedup',
  'hub-nocombine',
  'hub-documents',
  'apollo-gateway',
  'hive-gateway',
  'hive-gateway-jit',
  'hive-gateway-jit-nodedup',
  'static',
] as const;
export type FederationTarget = (typeof FEDERATION_TARGETS)[number];
/** The targets measured unless `--targets` says otherwise (`hub-nocombine` is asked for by name: it shows what combining fetches gains). */
export const DEFAULT_FEDERATION_TARGETS: readonly FederationTarget[] = FEDERATION_TARGETS.filter((t) => t !== 'hub-nocombine' && t !== 'hub-documents');
/**
 * The targets measured with one connection unless `--one-connection` says otherwise (those of them
 * that run): nothing in flight to share, so what each gateway's own layers cost a request shows
 * (issue 16, goal 2), and `hub-documents` against `hub` shows what sending a registered document
 * by id saves (issue 18). `hub-documents` is started for it even when `--targets` leaves it out.
 */
export const DEFAULT_ONE_CONNECTION_TARGETS: readonly FederationTarget[] = ['hub', 'hub-nodedup', 'hub-documents', 'apollo-gateway', 'hive-gateway-jit'];

/**
 * Hive Gateway lives in an install of its own (bench/hive, with its lockfile): it is a comparison
 * target, not a dependency of the hub, and would otherwise pull ~500 packages into every install.
 */
const HIVE_DIR = fileURLToPath(new URL('../hive/', import.meta.url));
const HIVE_PACKAGE = join(HIVE_DIR, 'node_modules/@graphql-hive/gateway/package.json');

/** Installs bench/hive (npm ci, from its lockfile) unless it is there; returns Hive Gateway's bin. */
function hiveBin(): string {
  if (!existsSync(HIVE_PACKAGE)) {
    console.error('[bench] installing Hive Gateway into bench/hive (npm ci, once)');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: HIVE_DIR, stdio: 'inherit' });
  }
  return HIVE_PACKAGE.replace(/package\.json$/, 'dist/bin.js');
}

/** The installed @graphql-hive/gateway version (reported with the results), or `not installed`. */
export function hiveGatewayVersion(): string {
  if (!existsSync(HIVE_PACKAGE)) return 'not installed';
  return (createRequire(import.meta.url)(HIVE_PACKAGE) as { version: string }).version;
}

function startTarget(name: FederationTarget, port: number, supergraphFile: string, expectedFile: string): Service {
  const common = ['--port', String(port), '--host', '127.0.0.1'];
  switch (name) {
    case 'hub':
      return startService({ name, entry: compiledTarget('bench/targets/hub.ts'), args: [...common, '--supergraph', supergraphFile], env: BENCH_GATEWAY_ENV });
    case 'hub-nodedup':
      // The hub without sharing identical subgraph fetches in flight (every request here is identical).
      return startService({
        name,
        entry: compiledTarget('bench/targets/hub.ts'),
        args: [...common, '--supergraph', supergraphFile],
        env: { ...BENCH_GATEWAY_ENV, HUB_SUBGRAPH_DEDUPE: 'false' },
      });
    case 'hub-nocombine':
      // Neither sharing identical fetches between requests nor combining a request's fetches: each plan step is its own request, as in @apollo/gateway.
      return startService({
        name,
        entry: compiledTarget('bench/targets/hub.ts'),
        args: [...common, '--supergraph', supergraphFile],
        env: { ...BENCH_GATEWAY_ENV, HUB_SUBGRAPH_DEDUPE: 'false', HUB_SUBGRAPH_COMBINE: 'false' },
      });
    case 'hub-documents':
      // The hub with the query registered, sent by documentId (bench/federation/documents.ts).
      return startDocumentsTarget(name, common, supergraphFile, expectedFile);
    case 'apollo-gateway':
      return startService({ name, entry: compiledTarget('bench/targets/apollo-gateway.ts'), args: [...common, '--supergraph', supergraphFile] });
    case 'hive-gateway':
    case 'hive-gateway-jit':
    case 'hive-gateway-jit-nodedup':
      // One worker (`--fork 1`), like every other target; incoming deduplication off in the config.
      return startService({
        name,
        entry: hiveBin(),
        tsx: false,
        args: [
          'supergraph',
          supergraphFile,
          ...common,
          '--fork',
          '1',
          '-c',
          name === 'hive-gateway-jit-nodedup' ? 'bench/hive/hive-gateway-nodedup.config.ts' : 'bench/hive/hive-gateway.config.ts',
          ...(name === 'hive-gateway' ? [] : ['--jit']),
        ],
      });
    case 'static':
      return startService({ name, entry: compiledTarget('bench/targets/static.ts'), args: [...common, '--body-file', expectedFile] });
  }
}

/**
 * Scenario 1, the standard federation workload: the benchmark's four subgraphs in one process,
 * and each target in its own process on its own port, over the same supergraph; every answer must
 * equal expected-response.json.
 */
export async function runFederationScenario(options: {
  dir: string;
  settings: LoadSettings;
  targets: readonly FederationTarget[];
  /**
   * Targets measured again with one connection right after the loaded TestQuery rounds (before the
   * varied ones), TestQuery only, in their own interleaved rounds of `durationS` (no warm-up: the
   * loaded rounds warmed them; one that is not in `targets` is started and runs those rounds too).
   */
  oneConnection?: { targets: readonly FederationTarget[]; durationS: number };
  /** Sent to every target (the hub checks client tokens; the others ignore the header). */
  headers: Record<string, string>;
  subgraphPort?: number;
  /**
   * Settles when what starts alongside this scenario's own start-up (the later scenarios' hubs)
   * is up: awaited once the targets are ready, before the first load, so no measurement shares
   * the machine with a start.
   */
  beforeLoad?: Promise<unknown>;
  log: (line: string) => void;
}): Promise<Entry[]> {
  const { log } = options;
  const workload = loadWorkload(options.dir);
  const services: Service[] = [];
  const work = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  try {
    const subgraphPort = options.subgraphPort ?? (await freePort());
    const subgraphs = startService({
      name: 'bench-subgraphs',
      entry: compiledTarget('bench/federation/main.ts'),
      args: ['--port', String(subgraphPort), '--federation-dir', options.dir],
    });
    services.push(subgraphs);
    const base = `http://127.0.0.1:${subgraphPort}`;
    const supergraphFile = join(work, 'supergraph.graphql');
    writeFileSync(supergraphFile, rewriteRoutingUrls(workload.supergraphSdl, base));
    const expectedFile = join(options.dir, 'expected-response.json');

    const oneConnection: FederationTarget[] = (options.oneConnection?.targets ?? []).filter((t) => t !== 'static');
    const startedNames = [...options.targets, ...oneConnection.filter((t) => !options.targets.includes(t))];
    // The benchmark subgraphs are checked through plain @apollo/gateway: the apollo-gateway target,
    // or one started for the check alone when it is not measured (every target starts at once; they
    // retry the subgraphs until these answer).
    const REFERENCE: FederationTarget = 'apollo-gateway';
    const checkOnly = !startedNames.includes(REFERENCE);
    const launched = await Promise.all(
      [...startedNames, ...(checkOnly ? [REFERENCE] : [])].map(async (name) => {
        const port = await freePort();
        const service = startTarget(name, port, supergraphFile, expectedFile);
        services.push(service);
        return { name, service, url: `http://127.0.0.1:${port}/graphql` };
      }),
    );
    const started = checkOnly ? launched.slice(0, -1) : launched;
    const reference = launched.find((t) => t.name === REFERENCE)!;
    await waitUntil(subgraphs, async () => (await fetch(`${base}/stats`)).ok);
    await waitUntil(reference.service, async () => (await postGraphQL(reference.url, { query: '{ __typename }' }, options.headers)).status === 200, 90_000);
    // Through the subgraphs' process every target is measured against, and the variants' answers
    // are the reference each target's varied answers are checked against. Before any other target
    // is asked: wrong subgraphs fail here, with this message, not as every target's wrong answer.
    const check = await verifyThroughGateway(workload, reference.url, options.headers, base);
    if (checkOnly) await reference.service.stop();
    if (!check.ok) throw new Error(`The benchmark subgraphs do not reproduce expected-response.json through plain @apollo/gateway:\n${check.diff}`);
    log(
      `  benchmark subgraphs verified: plain @apollo/gateway answers exactly expected-response.json (${check.fetches} subgraph fetches), and all ${check.variants} variants of ${VARIED_OPERATION} answer it besides their aliased twins`,
    );
    const fetches: FetchCounter = {
      reset: async () => void (await fetch(`${base}/stats/reset`, { method: 'POST' })),
      read: async () => ({ fetches: ((await (await fetch(`${base}/stats`)).json()) as { total: number }).total, storeCalls: null }),
    };
    const isCorrect = createBodyChecker(workload.expected);
    const body = JSON.stringify({ query: workload.query, operationName: 'TestQuery' });

    const entries: Entry[] = [];
    const targets: Target[] = [];
    for (const { name, service, url } of started) {
      try {
        await waitUntil(service, async () => (await postGraphQL(url, { query: '{ __typename }' }, options.headers)).status === 200, 90_000);
        const first = await postGraphQL(url, { query: workload.query, operationName: 'TestQuery' }, options.headers);
        if (first.status !== 200 || !isCorrect(first.text)) {
          entries.push(failedEntry('federation', 'TestQuery', name, `wrong first answer (HTTP ${first.status}): ${first.text.slice(0, 300)}`));
          await service.stop();
          continue;
        }
        const pids = service.child.pid === undefined ? [] : [service.child.pid];
        targets.push({
          name,
          url,
          headers: options.headers,
          probe: { body: name === 'hub-documents' ? documentsBody(workload.query) : body, check: isCorrect },
          pids,
          ...(name === 'static' ? {} : { fetches }),
        });
      } catch (error) {
        entries.push(failedEntry('federation', 'TestQuery', name, error instanceof Error ? error.message.slice(0, 600) : String(error)));
        await service.stop();
      }
    }
    log(`  targets ready: ${targets.map((t) => t.name).join(', ')}`);
    if (options.beforeLoad) {
      const t0 = Date.now();
      await options.beforeLoad;
      const waited = (Date.now() - t0) / 1000;
      if (waited >= 1) log(`  waited ${waited.toFixed(0)} s for the services of later scenarios to finish starting (nothing else runs during a measurement)`);
    }
    const loaded = (t: Target) => options.targets.includes(t.name as FederationTarget);
    // Every target runs the loaded TestQuery rounds, those started for the one-connection phase
    // too: so each comes to that phase with the same history (warm-up and rounds) as the others.
    const summaries = await compareInterleaved(targets, options.settings, log);
    for (const target of targets) entries.push(entryOf('federation', 'TestQuery', target.name, summaries.get(target.name)!));

    // One connection (TestQuery): one request at a time, nothing in flight to share or queue. Right
    // after the loaded TestQuery rounds, before the varied ones, so every target comes to it with the
    // same history. After them, hub-documents (which does not run the varied workload) came to it
    // from ~40 s idle while the others ran, and its first round cost more CPU per request: that,
    // not the documentId path, was the "documentId costs more" of issue 18 (bench/overhead.ts --rest).
    const single = targets.filter((t) => oneConnection.includes(t.name as FederationTarget));
    if (single.length && options.oneConnection) {
      log(`  TestQuery with one connection (${options.oneConnection.durationS} s rounds, no warm-up: warmed above)`);
      const oneSummaries = await compareInterleaved(single, { ...options.settings, connections: 1, warmupS: 0, durationS: options.oneConnection.durationS }, log);
      for (const target of single) entries.push(entryOf('federation', 'TestQuery', target.name, oneSummaries.get(target.name)!, { connections: 1 }));
    }

    // The varied workload (varied.ts): the same targets, a different request each time, the same answer expected.
    const bodies = variedBodies(workload.query);
    const variedChecks = check.variedExpected.map((expected) => createBodyChecker(expected));
    const variedTargets: Target[] = [];
    for (const target of targets.filter(loaded)) {
      // hub-documents runs registered documents by id, and only TestQuery is registered; static
      // answers TestQuery's bytes whatever it is asked (a ceiling, not a gateway).
      if (target.name === 'hub-documents' || target.name === 'static') continue;
      const first = await postGraphQL(target.url, JSON.parse(bodies[1]!), options.headers);
      if (first.status !== 200 || !variedChecks[1]!(first.text)) {
        entries.push(failedEntry('federation', VARIED_OPERATION, target.name, `wrong first answer (HTTP ${first.status}): ${first.text.slice(0, 300)}`));
        continue;
      }
      variedTargets.push({ ...target, probe: variedProbe(bodies, variedChecks) });
    }
    log(`  ${VARIED_OPERATION}: ${VARIANT_COUNT} variants round-robin, each checked against plain @apollo/gateway's answer to it`);
    const variedSummaries = await compareInterleaved(variedTargets, options.settings, log);
    for (const target of variedTargets) entries.push(entryOf('federation', VARIED_OPERATION, target.name, variedSummaries.get(target.name)!));

    const order = (name: string) => startedNames.indexOf(name as FederationTarget);
    const queryOrder = (e: Entry) => (e.connections === 1 ? 2 : e.query === VARIED_OPERATION ? 1 : 0);
    return entries.sort((a, b) => queryOrder(a) - queryOrder(b) || order(a.target) - order(b.target));
  } finally {
    await Promise.all(services.map((s) => s.stop()));
    rmSync(work, { recursive: true, force: true });
  }
}

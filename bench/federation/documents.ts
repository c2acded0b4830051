import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { documentIdOf } from '../../gateway/operations/model.ts';
import { compiledTarget } from '../lib/compiled.ts';
import { BENCH_GATEWAY_ENV } from '../lib/hub-settings.ts';
import { DEFAULT_FEDERATION_DIR } from '../lib/paths.ts';
import { type Service, startService } from '../lib/process.ts';
import { routingUrls } from './workload.ts';

/**
 * `hub-documents`: the hub gateway of the `hub` target with trusted documents on, the workload's
 * TestQuery registered for the benchmark's client (token sub `bench`), and every request sent as
 * `{"documentId": "sha256:..."}` (the GraphQL-over-HTTP persisted documents proposal) instead of
 * the query text: what registering a client's operations gains on the hot path (no query text to
 * read and hash; the document comes parsed and validated from the pinned store).
 */

/** The client the harness's token names (bench/lib/tokens.ts: `--sub bench`). */
const BENCH_SUB = 'bench';

/**
 * The gateway's modules, loaded by this file's own process (the target, or --measure) only: the
 * harness imports it for documentsBody and startDocumentsTarget, and would otherwise load the whole
 * gateway (about a CPU second before its first step) without using it.
 */
async function gatewayModules() {
  const [config, store, trusted, serve, heap, log] = await Promise.all([
    import('../../gateway/config.ts'),
    import('../../gateway/operations/store.ts'),
    import('../../gateway/operations/trusted.ts'),
    import('../../gateway/serve.ts'),
    import('../../gateway/heap.ts'),
    import('../../platform/log.ts'),
  ]);
  return {
    loadGatewayConfig: config.loadGatewayConfig,
    FileOperationsStore: store.FileOperationsStore,
    TrustedDocuments: trusted.TrustedDocuments,
    gatewaySettings: serve.gatewaySettings,
    serveGateway: serve.serveGateway,
    limitHeapGrowth: heap.limitHeapGrowth,
    youngGenerationAdvice: heap.youngGenerationAdvice,
    createLogger: log.createLogger,
  };
}

/** The request body the load sends to `hub-documents`. */
export function documentsBody(query: string): string {
  return JSON.stringify({ documentId: documentIdOf(query), operationName: 'TestQuery' });
}

/** Starts the `hub-documents` target (this file as its own process), registering the workload's query beside `expectedFile`. */
export function startDocumentsTarget(name: string, common: string[], supergraphFile: string, expectedFile: string): Service {
  return startService({
    name,
    // Compiled JavaScript, as the hub target runs (bench/lib/compiled.ts), so hubDocumentsVsHub compares like with like.
    entry: compiledTarget('bench/federation/documents.ts'),
    args: [...common, '--supergraph', supergraphFile, '--query', join(dirname(expectedFile), 'query.graphql')],
    env: BENCH_GATEWAY_ENV,
  });
}

/**
 * What a request by id saves inside the gateway, in CPU microseconds per request, measured in one
 * process (a loaded machine distorts throughput far more than this): Apollo's work on a query text
 * it has not seen under the current schema (parse with the token limit, validate with the
 * gateway's rules: the first request, and every request after a supergraph swap or an eviction),
 * on a text it has (JSON body, the text's SHA-256, the store lookup), and on a documentId.
 */
async function measure(dir: string, iterations: number): Promise<void> {
  const { ApolloGateway } = await import('@apollo/gateway');
  const { FileOperationsStore, TrustedDocuments } = await gatewayModules();
  const { parse, specifiedRules, validate } = await import('graphql');
  const { DEFAULT_LIMITS, operationProtection } = await import('../../gateway/limits.ts');
  const { createHash } = await import('node:crypto');
  const { loadWorkload } = await import('./workload.ts');
  const workload = loadWorkload(dir);
  const gateway = new ApolloGateway({ supergraphSdl: workload.supergraphSdl });
  const { schema } = await gateway.load();
  const protection = operationProtection(DEFAULT_LIMITS, { hideSchemaDetails: false });
  const storeDir = mkdtempSync(join(tmpdir(), 'hub-bench-measure-'));
  const store = await TrustedDocuments.open(new FileOperationsStore(storeDir));
  store.useRules({ parseOptions: protection.parseOptions, validationRules: protection.validationRules });
  store.schemaChanged(schema);
  const query = workload.query;
  const id = documentIdOf(query);
  await store.publish({ client: BENCH_SUB, documents: [{ id, text: query }] }, BENCH_SUB);
  const learned = new Map([[createHash('sha256').update(query).digest('hex'), parse(query)]]);
  const textBody = JSON.stringify({ query, operationName: 'TestQuery' });
  const idBody = documentsBody(query);
  const paths: Record<string, () => unknown> = {
    'text, not seen (parse + validate)': () => {
      const body = JSON.parse(textBody) as { query: string };
      const document = parse(body.query, protection.parseOptions);
      return validate(schema, document, [...specifiedRules, ...protection.validationRules]);
    },
    'text, seen (body + hash + lookup)': () => {
      const body = JSON.parse(textBody) as { query: string };
      return learned.get(createHash('sha256').update(body.query).digest('hex'));
    },
    'documentId (body + lookup + hash + pinned)': () => {
      const body = JSON.parse(idBody) as { documentId: string };
      const doc = store.lookup(BENCH_SUB, body.documentId)!;
      return store.documentStore.get(`x:${createHash('sha256').update(doc.text).digest('hex')}`);
    },
  };
  const results: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
  for (let round = 0; round < 5; round++) {
    for (const [name, run] of Object.entries(paths)) {
      const started = process.cpuUsage();
      for (let i = 0; i < iterations; i++) await run();
      const used = process.cpuUsage(started);
      results[name]!.push((used.user + used.system) / iterations);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const [name, xs] of Object.entries(results)) console.log(`${name.padEnd(46)} ${median(xs).toFixed(1).padStart(8)} µs CPU per request (median of 5 x ${iterations})`);
  await gateway.stop();
  await store.close();
  rmSync(storeDir, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--measure')) {
  const { values } = parseArgs({
    options: { measure: { type: 'boolean' }, 'federation-dir': { type: 'string', default: DEFAULT_FEDERATION_DIR }, iterations: { type: 'string', default: '2000' } },
  });
  await measure(values['federation-dir'], Number(values.iterations));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' }, supergraph: { type: 'string' }, query: { type: 'string' } },
  });
  if (!values.port || !values.supergraph || !values.query) {
    console.error('Usage: tsx bench/federation/documents.ts --port <n> --supergraph <file> --query <query.graphql>');
    process.exit(2);
  }
  const { createLogger, FileOperationsStore, gatewaySettings, limitHeapGrowth, loadGatewayConfig, serveGateway, TrustedDocuments, youngGenerationAdvice } = await gatewayModules();
  // As the hub target and the production entry run (gateway/heap.ts).
  limitHeapGrowth();
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.logLevel);
  // Started by startService, it has the gateway's node flags (scripts/lib/processes.ts entryNodeArgs); said when it has not.
  const youngGeneration = youngGenerationAdvice();
  if (youngGeneration) logger.warn(youngGeneration);
  const supergraphSdl = readFileSync(values.supergraph, 'utf8');
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-documents-'));
  // Removed however the process ends short of SIGKILL (the SIGTERM below, an error, a plain exit).
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  const operations = await TrustedDocuments.open(new FileOperationsStore(dataDir));
  const running = await serveGateway({
    supergraphSdl,
    subgraphUrls: routingUrls(supergraphSdl),
    port: Number(values.port),
    host: values.host,
    ...(await gatewaySettings(config, logger)),
    operations,
  });
  const query = readFileSync(values.query, 'utf8');
  await operations.publish({ client: BENCH_SUB, documents: [{ id: documentIdOf(query), text: query }] }, BENCH_SUB);
  logger.info({ url: running.url }, 'bench hub gateway with trusted documents ready');
  process.on('SIGTERM', () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

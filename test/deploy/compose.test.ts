import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { loadConfig, type SubgraphName } from '../../platform/config.ts';
import { processIdentity } from '../../platform/runner.ts';
import { envExampleEntries, interpolate, isKnownVariable, readRepoFile, readYaml } from './settings.ts';

// ajv-formats is CommonJS with a default export; under NodeNext its namespace is what `import` gives.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const draft07 = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-07.json') as Record<string, unknown>;

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  volumes?: (string | { source?: string; target?: string })[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = readYaml('compose.yaml') as ComposeFile;
// Compose's interpolation syntax, as written in the file (not a template literal).
const HUB_IMAGE = ['${', 'TALENT_HUB_IMAGE:-talent-hub:latest}'].join('');
const hubServices = Object.entries(compose.services).filter(([, s]) => s.image === HUB_IMAGE);
const byName = (name: string) => {
  const service = compose.services[name];
  if (!service) throw new Error(`compose.yaml has no service ${name}`);
  return service;
};

/** What an operator puts in .env: the example's values, and the secrets it leaves empty (each valid). */
function operatorEnv(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const e of envExampleEntries(readRepoFile('.env.example'))) if (!e.commented && e.value !== '') vars[e.name] = e.value;
  const secret = (n: number) => `test-secret-${n}-`.padEnd(44, 'x');
  return {
    ...vars,
    HUB_STATS_KEY: secret(1),
    HUB_JWT_SECRET: secret(2),
    HUB_JWT_ISSUER: 'https://id.example.gov.cn/',
    HUB_JWT_AUDIENCE: 'talent-hub',
    HUB_GATEWAY_SIGNING_KEY: JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' }),
    AUDIT_KEY_EXPERTS_SICHUAN: secret(3),
    AUDIT_KEY_EXPERTS_CHONGQING: secret(4),
    AUDIT_KEY_EXPERTS_REST: secret(5),
    AUDIT_KEY_PROJECTS: secret(6),
    AUDIT_KEY_COORDINATION: secret(7),
    HUB_LINKAGE_KEY: secret(8),
  };
}

/** A service's environment as its container gets it: every value interpolated from `vars`. */
function containerEnv(service: ComposeService, vars: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v ?? ''), vars)]));
}

/** The port a service's healthcheck probes, and the paths it asks for. */
function healthcheckOf(service: ComposeService): { port: number; paths: string[] } {
  const text = (service.healthcheck?.test ?? []).join(' ');
  const port = /127\.0\.0\.1:(\d+)/.exec(text);
  return { port: Number(port?.[1]), paths: [...text.matchAll(/'(\/[a-z]+)'/g)].map((m) => m[1]!) };
}

describe('compose.yaml', () => {
  it('is valid against the Compose Specification schema (deploy/schemas/compose-spec.json)', () => {
    // The spec names draft-07 by its https address; Ajv knows the meta-schema by the http one.
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema({ ...draft07, $id: 'https://json-schema.org/draft-07/schema' });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readRepoFile('deploy/schemas/compose-spec.json')));
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The validator is real: a service with a misspelt key is refused.
    expect(validate({ services: { gateway: { image: 'x', enviroment: {} } } })).toBe(false);
  });

  it('runs the gateway, projects, coordination and three experts nodes from the one image, each by its command', () => {
    expect(Object.fromEntries(hubServices.map(([name, s]) => [name, s.command]))).toEqual({
      gateway: ['gateway'],
      'experts-sichuan': ['subgraph', 'experts'],
      'experts-chongqing': ['subgraph', 'experts'],
      'experts-rest': ['subgraph', 'experts'],
      projects: ['subgraph', 'projects'],
      coordination: ['subgraph', 'coordination'],
    });
    for (const name of ['mongo', 'mongo-init', 'otel-collector', 'prometheus']) expect(compose.services[name], name).toBeDefined();
  });

  it('sets only variables the services read', () => {
    const unknown = hubServices.flatMap(([name, s]) => Object.keys(s.environment ?? {}).flatMap((k) => (isKnownVariable(k) ? [] : [`${name}: ${k}`])));
    expect(unknown).toEqual([]);
  });

  it("gives each service production settings its own settings parser accepts, from an operator's .env", () => {
    const vars = operatorEnv();
    const nodes = new Set<string>();
    const databases = new Set<string>();
    for (const [name, service] of hubServices) {
      const env = containerEnv(service, vars);
      expect(env.NODE_ENV, name).toBe('production');
      const health = healthcheckOf(service);
      expect(health.paths, name).toEqual(['/health', '/ready']);
      if (name === 'gateway') {
        const config = loadGatewayConfig(env);
        expect(config.port).toBe(health.port);
        expect(config.expertsNodes.map((n) => n.name)).toEqual(['sichuan', 'chongqing', 'rest']);
        expect(config.registry.mongodbUri).toMatch(/replicaSet=rs0/);
        expect(config.metrics.host).toBe('0.0.0.0');
        continue;
      }
      const subgraph = service.command![1] as SubgraphName;
      const config = loadConfig(env, undefined, subgraph);
      expect(config.ports[subgraph], name).toBe(health.port);
      expect(config.mongodbUri, name).toBeDefined();
      expect(config.audit.usingDevelopmentKey, name).toBe(false);
      const node = subgraph === 'experts' ? config.node : undefined;
      if (node) nodes.add(node);
      databases.add(processIdentity({ kind: 'core', name: subgraph }, node).database);
      // Each keeps its audit checkpoint log (outside the database) on a volume of its own.
      expect(
        service.volumes?.some((v) => typeof v === 'string' && v.endsWith(':/data')),
        name,
      ).toBe(true);
    }
    expect([...nodes].sort()).toEqual(['chongqing', 'rest', 'sichuan']);
    // Every experts node, projects and coordination: a database of its own on the one MongoDB.
    expect(databases.size).toBe(5);
  });

  it('refuses to start without the production secrets (compose interpolation fails naming each)', () => {
    const vars = operatorEnv();
    for (const secret of ['HUB_STATS_KEY', 'HUB_JWT_ISSUER', 'HUB_JWT_AUDIENCE', 'HUB_GATEWAY_SIGNING_KEY', 'AUDIT_KEY_PROJECTS']) {
      const without = { ...vars, [secret]: '' };
      expect(() => hubServices.map(([, s]) => containerEnv(s, without)), secret).toThrow(secret);
    }
  });

  it('runs MongoDB as a single-node replica set, initiated before any hub service starts', () => {
    expect(byName('mongo').command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(byName('mongo-init').command?.join(' ')).toMatch(/rs\.initiate\(\{ _id: 'rs0'/);
    for (const [name, s] of hubServices) expect(s.depends_on?.['mongo-init'], name).toEqual({ condition: 'service_completed_successfully' });
  });

  it('routes every https URL the services call through the TLS proxy to the service that listens there', () => {
    const vars = operatorEnv();
    const caddy = readRepoFile('deploy/Caddyfile');
    const routes = new Map([...caddy.matchAll(/handle_path \/([a-z-]+)\/\* \{\s*reverse_proxy ([a-z-]+):(\d+)/g)].map((m) => [m[1]!, { service: m[2]!, port: Number(m[3]) }]));
    const gateway = loadGatewayConfig(containerEnv(byName('gateway'), vars));
    const urls = [...gateway.expertsNodes.map((n) => n.url), gateway.subgraphUrls.projects!, gateway.subgraphUrls.coordination!];
    const called = [...urls, containerEnv(byName('projects'), vars).HUB_GATEWAY_JWKS_URL!];
    for (const url of called) {
      const u = new URL(url);
      expect(`${u.protocol}//${u.host}`).toBe('https://hub-tls:8443');
      const route = routes.get(u.pathname.split('/')[1]!);
      expect(route, url).toBeDefined();
      const target = byName(route!.service);
      const port = route!.service === 'gateway' ? loadGatewayConfig(containerEnv(target, vars)).port : healthcheckOf(target).port;
      expect(route!.port, url).toBe(port);
    }
  });

  it('has Prometheus scrape the gateway metrics listener and every subgraph', () => {
    const prometheus = readYaml('deploy/prometheus.yml') as { scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] };
    const targets = prometheus.scrape_configs.flatMap((j) => j.static_configs.flatMap((c) => c.targets));
    const vars = operatorEnv();
    const gateway = loadGatewayConfig(containerEnv(byName('gateway'), vars));
    expect(targets).toContain(`gateway:${gateway.metrics.port}`);
    for (const [name, s] of hubServices) if (name !== 'gateway') expect(targets).toContain(`${name}:${healthcheckOf(s).port}`);
    // The services send spans to the collector, which listens there for OTLP/HTTP.
    const collector = readYaml('deploy/otel-collector.yaml') as { receivers: { otlp: { protocols: { http: { endpoint: string } } } } };
    expect(collector.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    for (const [name, s] of hubServices) expect(containerEnv(s, vars).OTEL_EXPORTER_OTLP_ENDPOINT, name).toBe('http://otel-collector:4318');
  });
});

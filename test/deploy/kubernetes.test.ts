import { readdirSync } from 'node:fs';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { ConfigMap, Namespace, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { loadConfig, type SubgraphName } from '../../platform/config.ts';
import { isKnownVariable, readRepoFile, ROOT } from './settings.ts';

/** The validators kubernetes-models generated from the Kubernetes OpenAPI schema, by apiVersion/kind. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface Container {
  name: string;
  image?: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  securityContext?: { runAsNonRoot?: boolean; readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    template?: { spec: { containers: Container[]; securityContext?: { runAsNonRoot?: boolean; runAsUser?: number } } };
    scaleTargetRef?: { kind: string; name: string };
    ports?: { port: number; targetPort: string | number }[];
    selector?: Record<string, string>;
  };
}

const files = readdirSync(`${ROOT}deploy/k8s`).filter((f) => f.endsWith('.yaml'));
const objects: K8sObject[] = files.flatMap((f) =>
  parseAllDocuments(readRepoFile(`deploy/k8s/${f}`)).map((doc) => {
    if (doc.errors.length) throw new Error(`deploy/k8s/${f}: ${doc.errors[0]!.message}`);
    return doc.toJS() as K8sObject;
  }),
);
const find = (kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`deploy/k8s has no ${kind} ${name}`);
  return found;
};
const hubDeployments = objects.filter((o) => o.kind === 'Deployment' && o.spec?.template?.spec.containers[0]?.image?.includes('talent-hub'));
const settings = find('ConfigMap', 'hub-settings').data!;
const secrets = find('Secret', 'hub-secrets').stringData!;

/** A container's environment as the pod gets it, with the Secret's placeholders replaced by valid test values. */
function podEnv(container: Container): Record<string, string> {
  const testSecret = (key: string) => {
    if (key === 'HUB_GATEWAY_SIGNING_KEY') return JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' });
    if (key === 'MONGODB_URI') return 'mongodb://mongo-0.mongo:27017/?replicaSet=rs0';
    if (key.startsWith('HUB_JWKS_URL')) return 'https://id.example.gov.cn/.well-known/jwks.json';
    return `test-${key}-`.padEnd(44, 'x');
  };
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) Object.assign(env, find('ConfigMap', from.configMapRef!.name).data);
  for (const e of container.env ?? []) env[e.name] = e.value ?? testSecret(e.valueFrom!.secretKeyRef!.key);
  return env;
}

describe('deploy/k8s', () => {
  it('is valid against the Kubernetes OpenAPI schema (kubernetes-models), object by object', () => {
    expect(objects.length).toBeGreaterThan(10);
    for (const o of objects) {
      const Model = MODELS[`${o.apiVersion}/${o.kind}`];
      expect(Model, `${o.apiVersion}/${o.kind} ${o.metadata.name}`).toBeDefined();
      expect(() => new Model!(o as never).validate(), `${o.kind} ${o.metadata.name}`).not.toThrow();
      if (o.kind !== 'Namespace') expect(o.metadata.namespace, o.metadata.name).toBe('talent-hub');
    }
    // The validators are real: a probe with a port of the wrong type is refused.
    const broken = structuredClone(find('Deployment', 'gateway')) as K8sObject;
    (broken.spec!.template!.spec.containers[0]!.readinessProbe!.httpGet as { port: unknown }).port = { bad: true };
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });

  it('runs every service by command from the one image, non-root, with /ready and /health probes on its port', () => {
    expect(hubDeployments.map((d) => [d.metadata.name, d.spec!.template!.spec.containers[0]!.args])).toEqual(
      expect.arrayContaining([
        ['gateway', ['gateway']],
        ['experts-sichuan', ['subgraph', 'experts']],
        ['experts-chongqing', ['subgraph', 'experts']],
        ['experts-rest', ['subgraph', 'experts']],
        ['projects', ['subgraph', 'projects']],
        ['coordination', ['subgraph', 'coordination']],
      ]),
    );
    expect(hubDeployments).toHaveLength(6);
    for (const d of hubDeployments) {
      const pod = d.spec!.template!.spec;
      const c = pod.containers[0]!;
      expect(pod.securityContext?.runAsNonRoot, d.metadata.name).toBe(true);
      expect(c.securityContext?.readOnlyRootFilesystem, d.metadata.name).toBe(true);
      expect(c.readinessProbe?.httpGet, d.metadata.name).toEqual({ path: '/ready', port: 'http' });
      expect(c.livenessProbe?.httpGet, d.metadata.name).toEqual({ path: '/health', port: 'http' });
      // The named port is the one the service's settings make it listen on.
      const env = podEnv(c);
      const http = c.ports!.find((p) => p.name === 'http')!.containerPort;
      const [, subgraph] = c.args!;
      const port = subgraph ? loadConfig(env, undefined, subgraph).ports[subgraph as SubgraphName] : loadGatewayConfig(env).port;
      expect(http, d.metadata.name).toBe(port);
      // A Service in front of it, on that port.
      const service = find('Service', d.metadata.name);
      expect(service.spec!.ports![0], d.metadata.name).toMatchObject({ port: http, targetPort: 'http' });
    }
  });

  it('sets only variables the services read, and takes secrets from the Secret', () => {
    const names = [...Object.keys(settings), ...hubDeployments.flatMap((d) => (d.spec!.template!.spec.containers[0]!.env ?? []).map((e) => e.name))];
    expect(names.filter((n) => !isKnownVariable(n))).toEqual([]);
    for (const d of hubDeployments) {
      for (const e of d.spec!.template!.spec.containers[0]!.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref) expect(ref.name === 'hub-secrets' && ref.key in secrets, `${d.metadata.name}: ${e.name}`).toBe(true);
      }
    }
    // The JWT settings and the shared caller-token signing key live in the Secret, as clearly marked placeholders.
    for (const key of ['HUB_JWKS_URL', 'HUB_JWT_ISSUER', 'HUB_JWT_AUDIENCE', 'HUB_GATEWAY_SIGNING_KEY', 'HUB_STATS_KEY']) expect(secrets[key], key).toMatch(/REPLACE/);
    expect(Object.keys(settings).filter((k) => /SECRET|KEY$|MONGODB_URI/.test(k))).toEqual([]);
  });

  it('gives each Deployment production settings its own parser accepts: one signing key for every gateway replica, one audit key per subgraph', () => {
    const auditKeys = new Set<string>();
    for (const d of hubDeployments) {
      const c = d.spec!.template!.spec.containers[0]!;
      const env = podEnv(c);
      expect(env.NODE_ENV).toBe('production');
      const [, subgraph] = c.args!;
      if (!subgraph) {
        const config = loadGatewayConfig(env);
        expect(config.signingKey).toBeDefined();
        expect(config.registry.mongodbUri).toBeDefined();
        continue;
      }
      const config = loadConfig(env, undefined, subgraph);
      expect(config.audit.usingDevelopmentKey, d.metadata.name).toBe(false);
      auditKeys.add(c.env!.find((e) => e.name === 'HUB_AUDIT_KEY')!.valueFrom!.secretKeyRef!.key);
      if (subgraph === 'experts') expect(`experts-${config.node}`).toBe(d.metadata.name);
    }
    expect(auditKeys.size).toBe(5);
  });

  it('scales the gateway with a HorizontalPodAutoscaler', () => {
    const hpa = find('HorizontalPodAutoscaler', 'gateway');
    expect(hpa.spec!.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'gateway' });
  });

  it('routes every https URL the services call through hub-tls to the Service listening there', () => {
    const caddy = find('ConfigMap', 'hub-tls-caddyfile').data!.Caddyfile!;
    const routes = new Map([...caddy.matchAll(/handle_path \/([a-z-]+)\/\* \{\s*reverse_proxy ([a-z-]+):(\d+)/g)].map((m) => [m[1]!, { service: m[2]!, port: Number(m[3]) }]));
    const gateway = loadGatewayConfig(podEnv(find('Deployment', 'gateway').spec!.template!.spec.containers[0]!));
    const urls = [...gateway.expertsNodes.map((n) => n.url), gateway.subgraphUrls.projects!, gateway.subgraphUrls.coordination!, settings.HUB_GATEWAY_JWKS_URL!];
    for (const url of urls) {
      const u = new URL(url);
      expect(`${u.protocol}//${u.host}`).toBe('https://hub-tls:8443');
      const route = routes.get(u.pathname.split('/')[1]!);
      expect(route, url).toBeDefined();
      expect(
        find('Service', route!.service).spec!.ports!.map((p) => p.port),
        url,
      ).toContain(route!.port);
    }
    expect(find('Service', 'hub-tls').spec!.ports![0]!.port).toBe(8443);
  });
});

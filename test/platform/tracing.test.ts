import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { loadConfig } from '../../platform/config.ts';
import { tracingSettings } from '../../platform/tracing.ts';
import { HUB_ENTRIES, REPOSITORY_ROOT } from '../../scripts/lib/processes.ts';

/** When the OTEL_* settings turn tracing on, and how bad values are reported. */
describe('tracing settings', () => {
  it('is off unless an OTLP endpoint is configured or another exporter is named', () => {
    expect(tracingSettings({})?.enabled).toBe(false);
    expect(tracingSettings({ OTEL_SERVICE_NAME: 'x', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })?.enabled).toBe(false);
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })?.enabled).toBe(true);
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })?.enabled).toBe(true);
    expect(tracingSettings({ OTEL_TRACES_EXPORTER: 'console' })?.enabled).toBe(true);
  });

  it('is off when disabled, or the exporter is none, even with an endpoint', () => {
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })?.enabled).toBe(false);
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })?.enabled).toBe(false);
  });

  it('sends OTLP/HTTP JSON to the signal path of the generic endpoint, or to the traces endpoint as given', () => {
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })?.jsonTracesUrl).toBe(
      'http://collector:4318/v1/traces',
    );
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/custom', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' })?.jsonTracesUrl).toBe(
      'http://c:4318/custom',
    );
    // http/protobuf (the default) and grpc: the SDK makes the exporter from OTEL_* itself.
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })?.jsonTracesUrl).toBeUndefined();
  });

  it('takes the deprecated HUB_OTEL_EXPORTER_URL as the JSON traces endpoint, and says what replaced it', () => {
    const settings = tracingSettings({ HUB_OTEL_EXPORTER_URL: 'http://collector:4318/v1/traces' });
    expect(settings).toMatchObject({ enabled: true, jsonTracesUrl: 'http://collector:4318/v1/traces' });
    expect(settings?.deprecation).toContain('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
    // The standard settings win when both are set.
    expect(tracingSettings({ HUB_OTEL_EXPORTER_URL: 'http://old:4318/v1/traces', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://new:4318' })?.deprecation).toBeUndefined();
  });

  it('lists a bad OTEL_* value with the other settings problems of a subgraph and of the gateway (and starts nothing)', () => {
    const bad = { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', OTEL_TRACES_EXPORTER: 'jaeger', OTEL_EXPORTER_OTLP_PROTOCOL: 'udp' };
    expect(tracingSettings(bad)).toBeNull();
    expect(() => loadConfig(bad)).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT[\s\S]*OTEL_TRACES_EXPORTER|OTEL_TRACES_EXPORTER[\s\S]*OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() => loadConfig(bad)).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL: must be http\/protobuf, http\/json or grpc/);
    expect(() => loadGatewayConfig({ NODE_ENV: 'development', ...bad })).toThrow(/OTEL_TRACES_EXPORTER: must be a comma-separated list of otlp, console, zipkin, none/);
  });
});

/** The first `import` of a file, relative to the repository root. */
function firstImport(path: string): string {
  return /^import\s[^;]*?['"]([^'"]+)['"];?$/m.exec(readFileSync(`${REPOSITORY_ROOT}${path}`, 'utf8'))?.[1] ?? '';
}

describe('tracing starts before what it instruments is loaded', () => {
  // ES modules are evaluated in import order: the SDK must be running before express (http) and the MongoDB driver load.
  it('platform/runner.ts and gateway/index.ts import platform/instrument.ts first', () => {
    expect(firstImport('platform/runner.ts')).toBe('./instrument.ts');
    expect(firstImport('gateway/index.ts')).toBe('../platform/instrument.ts');
  });

  it('every service entry (core, partner, the partner template) imports one of them first', () => {
    const entries = [
      ...Object.values(HUB_ENTRIES),
      ...readdirSync(`${REPOSITORY_ROOT}partners`, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => `partners/${d.name}/index.ts`),
      'scripts/templates/partner/index.ts',
    ];
    for (const entry of entries) expect(firstImport(entry), entry).toMatch(/platform\/(runner|instrument)\.ts$|^\.\.\/platform\/instrument\.ts$/);
  });
});

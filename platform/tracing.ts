import { createRequire } from 'node:module';
import type { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import type { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import type { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import type { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ATTR_SERVICE_NAME as SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { z } from 'zod';
import { Flag, HttpUrl } from './env.ts';

/**
 * OpenTelemetry tracing of a hub process, configured by the standard OTEL_* variables
 * (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/). Tracing is
 * on when an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) or OTEL_TRACES_EXPORTER names a non-OTLP exporter (console),
 * and off otherwise, with nothing loaded and nothing probed. OTEL_SDK_DISABLED=true or
 * OTEL_TRACES_EXPORTER=none turn it off.
 *
 * The SDK must be started before the modules its instrumentations patch (http through express,
 * the MongoDB driver's connection files) are evaluated; `platform/instrument.ts`, imported first by
 * every entry, does that. Everything else (exporter protocol, sampler, batch sizes,
 * OTEL_RESOURCE_ATTRIBUTES) is read by the SDK itself.
 */

const Protocol = z.enum(['http/protobuf', 'http/json', 'grpc'], { message: 'must be http/protobuf, http/json or grpc' });
const TRACE_EXPORTERS = ['otlp', 'console', 'zipkin', 'none'];

/**
 * The OTEL_* settings the hub interprets, in the shape of a zod object's fields: the subgraph and
 * gateway settings include them, so a bad value is listed with every other problem at start.
 */
export const TRACING_ENV = {
  OTEL_SDK_DISABLED: Flag.optional(),
  OTEL_SERVICE_NAME: z.string().optional(),
  OTEL_TRACES_EXPORTER: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((e) => TRACE_EXPORTERS.includes(e)), `must be a comma-separated list of ${TRACE_EXPORTERS.join(', ')}`)
    .optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: HttpUrl.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: HttpUrl.optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: Protocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: Protocol.optional(),
  // Deprecated alias of OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (OTLP/HTTP JSON), the hub's setting before issue 15.
  HUB_OTEL_EXPORTER_URL: HttpUrl.optional(),
};

const TracingEnv = z.object(TRACING_ENV);

/** What the OTEL_* settings ask of a process. */
export interface TracingSettings {
  enabled: boolean;
  /**
   * Where OTLP/HTTP JSON spans go when the hub makes the exporter itself (protocol http/json, or
   * the deprecated HUB_OTEL_EXPORTER_URL); undefined: the SDK makes it from OTEL_*.
   */
  jsonTracesUrl: string | undefined;
  /** OTEL_SERVICE_NAME: overrides the name each service gives itself. */
  serviceName: string | undefined;
  /** Set when HUB_OTEL_EXPORTER_URL was used: what to tell the operator. */
  deprecation: string | undefined;
}

/**
 * Reads the tracing settings from `env`; null when they are invalid (the service's settings parser
 * reports the problem, and the process does not start).
 */
export function tracingSettings(env: Record<string, string | undefined>): TracingSettings | null {
  const present = Object.fromEntries(Object.entries(env).filter(([key, value]) => key in TRACING_ENV && value !== undefined && value.trim() !== ''));
  const parsed = TracingEnv.safeParse(Object.fromEntries(Object.entries(present).map(([k, v]) => [k, (v as string).trim()])));
  if (!parsed.success) return null;
  const e = parsed.data;
  const exporters = e.OTEL_TRACES_EXPORTER?.length ? e.OTEL_TRACES_EXPORTER : ['otlp'];
  const legacy = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT === undefined && e.OTEL_EXPORTER_OTLP_ENDPOINT === undefined ? e.HUB_OTEL_EXPORTER_URL : undefined;
  const endpoint = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_ENDPOINT ?? legacy;
  const otlp = exporters.includes('otlp');
  const enabled = e.OTEL_SDK_DISABLED !== true && exporters[0] !== 'none' && (!otlp || endpoint !== undefined || exporters.some((x) => x !== 'otlp'));
  const protocol = e.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? e.OTEL_EXPORTER_OTLP_PROTOCOL ?? (legacy ? 'http/json' : 'http/protobuf');
  // The signal path is added to the generic endpoint only, as the specification says.
  const tracesUrl =
    e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? legacy ?? (e.OTEL_EXPORTER_OTLP_ENDPOINT ? `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` : undefined);
  return {
    enabled,
    jsonTracesUrl: enabled && otlp && protocol === 'http/json' && exporters.length === 1 ? tracesUrl : undefined,
    serviceName: e.OTEL_SERVICE_NAME,
    deprecation: legacy ? 'HUB_OTEL_EXPORTER_URL is deprecated: set OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (same value) and OTEL_EXPORTER_OTLP_PROTOCOL=http/json' : undefined,
  };
}

interface Tracing {
  sdk: NodeSDK;
  /** Resolves the pending `service.name` (the first call wins). */
  name(serviceName: string): void;
  settings: TracingSettings;
}

// One SDK per process: the entry's preload starts it, the service names it, tests may start it in-process.
let current: Tracing | undefined;

/** How long spans wait for the service to name itself before they are exported as `unknown_service:node`. */
const NAME_TIMEOUT_MS = 30_000;

/**
 * Starts the OpenTelemetry SDK when `env` asks for tracing (see the module comment), with the
 * http (incoming and outgoing, W3C trace context extracted and injected), undici (fetch: the
 * gateway's subgraph fetches) and MongoDB driver instrumentations. `serviceName`: the process's
 * `service.name` (OTEL_SERVICE_NAME overrides it); absent, it stays pending until `nameService`
 * (spans wait for it before export). Loaded synchronously, so everything imported after it is
 * patched. Returns false when tracing is off, or was already started.
 */
export function startTracing(options: { serviceName?: string; env?: Record<string, string | undefined> } = {}): boolean {
  if (current) {
    if (options.serviceName) current.name(options.serviceName);
    return false;
  }
  const settings = tracingSettings(options.env ?? process.env);
  if (!settings?.enabled) return false;
  // Loaded only when tracing is on: the SDK and its exporters are large, and a process without tracing needs none of it.
  const require = createRequire(import.meta.url);
  const sdkNode = require('@opentelemetry/sdk-node') as { NodeSDK: typeof NodeSDK };
  const resources = require('@opentelemetry/resources') as { resourceFromAttributes: typeof resourceFromAttributes; defaultResource: typeof defaultResource };
  const http = require('@opentelemetry/instrumentation-http') as { HttpInstrumentation: typeof HttpInstrumentation };
  const undici = require('@opentelemetry/instrumentation-undici') as { UndiciInstrumentation: typeof UndiciInstrumentation };
  const mongodb = require('@opentelemetry/instrumentation-mongodb') as { MongoDBInstrumentation: typeof MongoDBInstrumentation };
  const { ATTR_SERVICE_NAME } = require('@opentelemetry/semantic-conventions') as { ATTR_SERVICE_NAME: typeof SERVICE_NAME };
  let resolveName: (name: string) => void = () => {};
  const pendingName = new Promise<string>((resolve) => {
    resolveName = resolve;
    setTimeout(() => resolve('unknown_service:node'), NAME_TIMEOUT_MS).unref();
  });
  let spanProcessors: BatchSpanProcessor[] | undefined;
  if (settings.jsonTracesUrl) {
    const { OTLPTraceExporter: Exporter } = require('@opentelemetry/exporter-trace-otlp-http') as { OTLPTraceExporter: typeof OTLPTraceExporter };
    const { BatchSpanProcessor: Processor } = require('@opentelemetry/sdk-trace-base') as { BatchSpanProcessor: typeof BatchSpanProcessor };
    spanProcessors = [new Processor(new Exporter({ url: settings.jsonTracesUrl }))];
  }
  const sdk = new sdkNode.NodeSDK({
    // The detected resource (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, process, host) is merged over this one, so the settings win.
    resource: resources.defaultResource().merge(resources.resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName ?? pendingName })),
    ...(spanProcessors ? { spanProcessors } : {}),
    // Traces only: the hub's metrics are Prometheus (/metrics) and its logs go to stdout.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new http.HttpInstrumentation({
        // Probes and scrapes are not requests anyone traces.
        ignoreIncomingRequestHook: (req) => /^\/(health|ready|metrics)(\?|$)/.test(req.url ?? ''),
      }),
      new undici.UndiciInstrumentation(),
      new mongodb.MongoDBInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  });
  sdk.start();
  current = { sdk, settings, name: resolveName };
  if (options.serviceName) resolveName(options.serviceName);
  return true;
}

/**
 * Gives this process's spans their `service.name` (gateway, experts@sichuan, projects, a partner's
 * name) once the service knows who it is; OTEL_SERVICE_NAME overrides it. Returns what to warn
 * the operator about (a deprecated setting), if anything. No-op when tracing is off.
 */
export function nameService(serviceName: string): string | undefined {
  current?.name(serviceName);
  return current?.settings.deprecation;
}

/** Flushes the spans not yet exported and stops the SDK (on shutdown). No-op when tracing is off. */
export async function stopTracing(): Promise<void> {
  const stopping = current;
  current = undefined;
  await stopping?.sdk.shutdown();
}

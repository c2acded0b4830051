import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * OpenTelemetry tracing, off unless an OTLP/HTTP endpoint is configured (HUB_OTEL_EXPORTER_URL,
 * e.g. http://collector:4318/v1/traces). @apollo/gateway already creates spans for each request,
 * plan and subgraph fetch through @opentelemetry/api; registering a provider exports them.
 * Returns a function that flushes and stops the exporter.
 */
export async function startTracing(service: string, url: string): Promise<() => Promise<void>> {
  const provider = new NodeTracerProvider({
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }), { scheduledDelayMillis: 200 })],
  });
  provider.register();
  trace.getTracer(service).startSpan(`${service} started`).end();
  return () => provider.shutdown();
}

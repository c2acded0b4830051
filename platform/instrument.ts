import { startTracing } from './tracing.ts';

/*
 * Starts OpenTelemetry tracing when the OTEL_* settings ask for it (platform/tracing.ts), before
 * anything it instruments is loaded. Every service entry imports this module first (platform/runner.ts
 * and gateway/index.ts as their first import, and every entry imports one of those first): ES
 * modules are evaluated in import order, so the http and MongoDB driver modules that express and
 * the store load afterwards are patched. Works the same as a preload:
 * `node --import ./dist/platform/instrument.js dist/gateway/index.js`.
 */
startTracing();

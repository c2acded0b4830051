import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs (pino) for one service. What the hub logs: request ids, operation names,
 * outcomes, durations, error codes and masked internal errors. What it never logs: variables,
 * answers, tokens or any talent's data.
 */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: { paths: ['authorization', '*.authorization', 'headers.authorization', 'variables', '*.variables'], remove: true },
  });
}

export type { Logger };

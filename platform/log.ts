import { createRequire } from 'node:module';
import { type DestinationStream, type Logger, pino } from 'pino';
import { z } from 'zod';

/**
 * pino-pretty (about 30 modules) is loaded only by a process that prints pretty lines: a service
 * under `npm start` or in production logs JSON, and a restarted service should be up again fast.
 */
function loadPretty(): typeof import('pino-pretty') {
  return createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
}

/**
 * HUB_LOG_FORMAT: `json` (one JSON object a line, for a log collector), `pretty` (for a person at a
 * terminal), or `auto` (the default: pretty when stdout is a terminal, JSON otherwise).
 */
export const LogFormat = z.enum(['auto', 'json', 'pretty'], { message: 'must be json, pretty or auto (pretty on a terminal, JSON otherwise)' });
export type LogFormat = z.infer<typeof LogFormat>;

/** What every service's logs never contain: it is removed before a line is written, so neither format shows it. */
const REDACT_PATHS = ['authorization', '*.authorization', 'headers.authorization', 'variables', '*.variables'];

/** The wall-clock time of day is what a person at a terminal reads; pid and host are the same on every line of one process. */
const PRETTY_OPTIONS = { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } as const;

/**
 * Whether `format` means pretty lines on `stream`: `auto` asks whether the stream is a terminal
 * (under `npm start` a child's stdout is a pipe; the supervisor formats its lines instead).
 */
export function isPretty(format: LogFormat, stream: { isTTY?: boolean } = process.stdout): boolean {
  return format === 'pretty' || (format === 'auto' && stream.isTTY === true);
}

/**
 * Log lines are written once this many bytes have gathered (about a dozen request lines), in writes
 * of whole lines of at most PIPE_BUF bytes: the size a pipe takes whole, so the lines of processes
 * sharing one standard output (a gateway cluster's workers) never interleave within a line.
 */
const WRITE_AT_BYTES = 3072;
const PIPE_BUF = 4096;
/** ...and what has gathered is written at least this often. */
const WRITE_EVERY_MS = 100;

let stdoutLines: DestinationStream | undefined;

/**
 * Standard output for JSON lines, one per process (every logger of the process shares it, so
 * lines never interleave): gathered, not a write call per line (which cost the gateway a system
 * call per request, and woke the process reading its output as often). Lines gather
 * until WRITE_AT_BYTES, and whatever has gathered goes out every WRITE_EVERY_MS (sonic-boom's
 * periodic flush, on an unref'd timer that keeps no process alive). Writes stay synchronous, so
 * lines keep their order, and what is left is written when the process exits (`process.exit` after
 * SIGTERM, an uncaught exception, its natural end): no line is lost there; after SIGKILL, at most
 * the last WRITE_EVERY_MS of lines are.
 */
function bufferedStdout(): DestinationStream {
  if (stdoutLines) return stdoutLines;
  const boom = pino.destination({ dest: 1, sync: true, minLength: WRITE_AT_BYTES, maxWrite: PIPE_BUF, periodicFlush: WRITE_EVERY_MS });
  process.on('exit', () => {
    try {
      boom.flushSync();
    } catch {
      // Standard output is gone (a closed pipe): nothing can be written any more.
    }
  });
  stdoutLines = boom;
  return boom;
}

export interface LoggerOptions {
  /** json, pretty or auto (default: auto). */
  format?: LogFormat;
  /** Where lines go (default: stdout). */
  destination?: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Structured logs (pino) for one service. What the hub logs: request ids, operation names,
 * outcomes, durations, error codes and masked internal errors. What it never logs: variables,
 * answers, tokens or any talent's data. Pretty lines are made from the JSON line pino has already
 * redacted, so the two formats carry the same fields.
 */
export function createLogger(service: string, level = 'info', options: LoggerOptions = {}): Logger {
  const settings = { name: service, level, base: { service }, redact: { paths: REDACT_PATHS, remove: true } };
  const out = options.destination ?? process.stdout;
  if (!isPretty(options.format ?? 'auto', out)) return pino(settings, options.destination ? (options.destination as DestinationStream) : bufferedStdout());
  const { isColorSupported, prettyFactory } = loadPretty();
  // Colour only on this process's own terminal (colorette's check, which honours NO_COLOR and FORCE_COLOR).
  const prettify = prettyFactory({ ...PRETTY_OPTIONS, colorize: out === process.stdout && isColorSupported });
  // Formatting in the writing call keeps lines in order and none is lost when the process exits
  // right after logging (pino-pretty's stream form hands lines to an asynchronous pipeline).
  return pino(settings, { write: (line: string) => out.write(prettify(line)) });
}

/**
 * Turns the JSON log lines of another process into pretty ones, and passes any other line through
 * unchanged: how `npm start` shows its services' logs on a terminal. `name` is left out because
 * the supervisor prefixes every line with the service's name. Colour by default when this
 * process's stdout takes it.
 */
export function createLogLinePrettifier(options: { colorize?: boolean } = {}): (line: string) => string {
  const { isColorSupported, prettyFactory } = loadPretty();
  const colorize = options.colorize ?? isColorSupported;
  const prettify = prettyFactory({ ...PRETTY_OPTIONS, ignore: `${PRETTY_OPTIONS.ignore},name`, colorize });
  return (line) => (line.startsWith('{') ? prettify(line).replace(/\n$/, '') : line);
}

export type { Logger };

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { loadConfig } from '../../platform/config.ts';
import { ConfigError } from '../../platform/env.ts';
import { createLogger, createLogLinePrettifier, type LogFormat } from '../../platform/log.ts';

/** A stream that keeps what is written to it; `isTTY` says whether it passes for a terminal. */
function capture(isTTY = false) {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => chunks.join('') };
}

/** Everything the hub promises never to log, each in a place the redaction covers. */
const SECRETS = {
  authorization: 'Bearer top-secret-token-1',
  headers: { authorization: 'Bearer top-secret-token-2', 'x-request-id': 'req-7' },
  variables: { name: 'secret-talent-name-3' },
  request: { variables: { id: 'secret-talent-id-4' }, authorization: 'Bearer top-secret-token-5' },
};

function logOnce(format: LogFormat, isTTY = false): string {
  const out = capture(isTTY);
  const logger = createLogger('projects', 'info', { format, destination: out.stream });
  logger.info({ ...SECRETS, operationName: 'TalentsPage', durationMs: 12 }, 'operation done');
  return out.text();
}

describe('log formats', () => {
  it('json: one JSON object a line, with the service and the fields, without what is redacted', () => {
    const text = logOnce('json');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 30, service: 'projects', name: 'projects', msg: 'operation done', operationName: 'TalentsPage', durationMs: 12 });
    expect(entry.headers).toEqual({ 'x-request-id': 'req-7' });
    expect(text).not.toMatch(/top-secret|secret-talent/);
  });

  it('pretty: a line a person reads (time, level, service, message, then the fields), without what is redacted', () => {
    const text = logOnce('pretty');
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO \(projects\): operation done\n/);
    expect(text).toContain('operationName: "TalentsPage"');
    expect(text).toContain('"x-request-id": "req-7"');
    expect(() => JSON.parse(text)).toThrow();
    expect(text).not.toMatch(/top-secret|secret-talent|authorization|variables/);
  });

  it('auto: pretty on a terminal, JSON anywhere else', () => {
    expect(logOnce('auto', true)).toMatch(/^\[[\d:.]+\] INFO \(projects\): operation done/);
    expect(JSON.parse(logOnce('auto', false))).toMatchObject({ msg: 'operation done' });
  });

  it('pretty keeps an error readable: its message and stack, not one escaped line', () => {
    const out = capture();
    createLogger('gateway', 'info', { format: 'pretty', destination: out.stream }).error({ err: new Error('store unreachable') }, 'masked error');
    expect(out.text()).toMatch(/ERROR \(gateway\): masked error\n/);
    expect(out.text()).toMatch(/"message": "store unreachable"/);
    expect(out.text()).toMatch(/\n\s+at .*log\.test\.ts/);
  });

  it('leaves out what is below the level in both formats', () => {
    for (const format of ['json', 'pretty'] as const) {
      const out = capture();
      const logger = createLogger('experts@sichuan', 'warn', { format, destination: out.stream });
      logger.info('not shown');
      logger.warn('shown');
      expect(out.text()).not.toContain('not shown');
      expect(out.text()).toContain('shown');
    }
  });
});

describe('the supervisor pretty-prints its services’ JSON lines', () => {
  const prettify = createLogLinePrettifier({ colorize: false });

  it('turns a JSON log line into a pretty one without the name (the line prefix says it)', () => {
    const out = capture();
    createLogger('experts@chongqing', 'info', { format: 'json', destination: out.stream }).info({ ...SECRETS, url: 'http://127.0.0.1:4012/graphql' }, 'ready');
    const pretty = prettify(out.text().trim());
    expect(pretty).toMatch(/^\[[\d:.]+\] INFO: ready\n/);
    expect(pretty).toContain('\n    url: "http://127.0.0.1:4012/graphql"');
    expect(pretty).not.toContain('experts@chongqing');
    expect(pretty).not.toMatch(/top-secret|secret-talent/);
    expect(pretty.endsWith('\n')).toBe(false);
  });

  it('passes any other line through unchanged', () => {
    expect(prettify('[projects] SIGTERM: finishing requests in flight, then stopping')).toBe('[projects] SIGTERM: finishing requests in flight, then stopping');
    expect(prettify('')).toBe('');
  });
});

describe('HUB_LOG_FORMAT', () => {
  it('is read by the subgraphs and the gateway, default auto', () => {
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ HUB_LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadGatewayConfig({ NODE_ENV: 'development' }).logFormat).toBe('auto');
    expect(loadGatewayConfig({ NODE_ENV: 'development', HUB_LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
  });

  it('refuses anything else with a ConfigError naming the setting and the choices', () => {
    expect(() => loadConfig({ HUB_LOG_FORMAT: 'xml' })).toThrow(ConfigError);
    expect(() => loadConfig({ HUB_LOG_FORMAT: 'xml' })).toThrow(/HUB_LOG_FORMAT: must be json, pretty or auto.*\(got "xml"\)/);
    expect(() => loadGatewayConfig({ NODE_ENV: 'development', HUB_LOG_FORMAT: 'colour' })).toThrow(/HUB_LOG_FORMAT: must be json, pretty or auto/);
  });
});

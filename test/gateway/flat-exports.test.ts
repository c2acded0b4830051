import { describe, expect, it } from 'vitest';
// The module the gateway's entries build their server with (gateway/index.ts, bench/targets/hub.ts), alone and first:
// whatever it loads decides whether federation-internals' exports were replaced before @apollo/gateway loaded.
import { serveGateway } from '../../gateway/serve.ts';

describe("federation-internals' exports as @apollo/gateway holds them (gateway/execute/flat-exports.ts)", () => {
  it('are a plain object, put in place before any module of @apollo/gateway loaded', async () => {
    expect(serveGateway).toBeTypeOf('function');
    const { flatExports, gatewaysFederationInternals } = await import('../../gateway/execute/flat-exports.ts');
    expect(flatExports()).toEqual({ flat: true, late: [] });
    const internals = gatewaysFederationInternals();
    expect(Object.getOwnPropertyDescriptor(internals, 'isNonNullType')).toMatchObject({ writable: true, value: expect.any(Function) });
  });
});

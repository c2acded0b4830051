import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { loadConfig } from '../../platform/config.ts';
import { ConfigError } from '../../platform/env.ts';
import { nodeProcessEnv, nodeProcessName, nodesEnv, portOfUrl, resolveExpertsNodes, threeNodes } from '../../scripts/lib/topology.ts';

/**
 * The topology `npm start` runs (scripts/lib/topology.ts): three experts nodes unless
 * HUB_EXPERTS_NODES says otherwise, and the settings each process gets, read back by the
 * subgraphs' and the gateway's own settings parsers, so `npm start` and the processes agree.
 */
describe('the experts topology of npm start', () => {
  it('is three nodes by default: Sichuan, Chongqing and the rest of the country on 4011-4013', () => {
    expect(resolveExpertsNodes({})).toEqual([
      { name: 'sichuan', provinces: ['510000'], url: 'http://127.0.0.1:4011/graphql' },
      { name: 'chongqing', provinces: ['500000'], url: 'http://127.0.0.1:4012/graphql' },
      { name: 'rest', provinces: '*', url: 'http://127.0.0.1:4013/graphql' },
    ]);
    expect(resolveExpertsNodes({ HUB_EXPERTS_NODES: '  ' })).toEqual(resolveExpertsNodes({}));
  });

  it('is one node named experts on HUB_EXPERTS_PORT (default 4001) with HUB_EXPERTS_NODES=single', () => {
    expect(resolveExpertsNodes({ HUB_EXPERTS_NODES: 'single' })).toEqual([{ name: 'experts', provinces: '*', url: 'http://127.0.0.1:4001/graphql' }]);
    expect(resolveExpertsNodes({ HUB_EXPERTS_NODES: 'single', HUB_EXPERTS_PORT: '5001' })).toEqual([{ name: 'experts', provinces: '*', url: 'http://127.0.0.1:5001/graphql' }]);
    expect(() => resolveExpertsNodes({ HUB_EXPERTS_NODES: 'single', HUB_EXPERTS_PORT: 'abc' })).toThrow(/HUB_EXPERTS_PORT/);
  });

  it('takes any other map as JSON, and refuses a bad one naming the setting', () => {
    const nodes = [
      { name: 'west', provinces: ['510000', '500000'], url: 'http://10.0.0.5:4100/graphql' },
      { name: 'rest', provinces: '*', url: 'http://10.0.0.6/graphql' },
    ];
    expect(resolveExpertsNodes({ HUB_EXPERTS_NODES: JSON.stringify(nodes) })).toEqual(nodes);
    expect(nodes.map((n) => portOfUrl(n.url))).toEqual([4100, 80]);
    for (const bad of ['[{"name":"x"}', '[]', JSON.stringify([{ ...nodes[0], provinces: ['51'] }]), JSON.stringify([nodes[0], { ...nodes[1], name: 'west' }])]) {
      let error: unknown;
      try {
        resolveExpertsNodes({ HUB_EXPERTS_NODES: bad });
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(ConfigError);
      expect((error as Error).message, bad).toContain('HUB_EXPERTS_NODES');
    }
  });

  it('gives each node process its name, port and the map, as the experts settings read them', () => {
    const nodes = threeNodes([5011, 5012, 5013]);
    expect(nodes.map((n) => nodeProcessName(n.name))).toEqual(['experts@sichuan', 'experts@chongqing', 'experts@rest']);
    expect(nodeProcessName('experts')).toBe('experts');
    for (const node of nodes) {
      const config = loadConfig(nodeProcessEnv(nodes, node), ['audit', 'stats'], 'experts');
      expect(config.node).toBe(node.name);
      expect(config.ports.experts).toBe(portOfUrl(node.url));
      expect(config.expertsNodes).toEqual(nodes);
    }
    // Projects and coordination route their owner lookups by the same map; the gateway routes by it.
    expect(loadConfig(nodesEnv(nodes), ['owners'], 'projects').expertsNodes).toEqual(nodes);
    expect(loadGatewayConfig({ NODE_ENV: 'development', ...nodesEnv(nodes) }).expertsNodes).toEqual(nodes);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serialize } from 'node:v8';
import type { SupergraphManager } from '@apollo/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSubgraphs, serveBenchmarkSubgraphs } from '../../bench/federation/subgraphs.ts';
import { type FederationWorkload, loadWorkload, rewriteRoutingUrls, routingUrls } from '../../bench/federation/workload.ts';
import { FEDERATION_FIXTURE_DIR } from '../helpers/federation.ts';
import { internNames } from '../../platform/names.ts';
import { loadSdl } from '../../platform/sdl.ts';
import { clientToken } from '../helpers/caller.ts';
import { post, serveTestGateway } from '../helpers/hub.ts';

/**
 * GraphQL names interned one-byte (platform/names.ts). V8 keeps one string per content as object
 * keys, in the form of the first key made of it; a key made of a slice of a two-byte text (any
 * SDL with a Chinese description) is two-byte unless the one-byte form was interned before. The
 * form is read from V8's serializer: tag '"' (0x22) is a one-byte string, 'c' (0x63) two-byte.
 * Every test uses names of its own (random), so other files of the worker cannot have interned them.
 */
const ONE_BYTE = 0x22;
const TWO_BYTE = 0x63;

/** The form of the key V8 makes of `name` now. */
function keyForm(name: string): number {
  const key = Object.keys({ [name]: true })[0]!;
  return serialize(key)[2]!;
}

/** A name no other test has used. */
function freshName(label: string): string {
  return `zz${label}${randomBytes(6).toString('hex')}`;
}

/** `name` as it is sliced from a text that holds a Chinese character: a two-byte string. */
function twoByteSlice(text: string, name: string): string {
  const at = text.indexOf(name);
  return text.slice(at, at + name.length);
}

describe('one-byte GraphQL names', () => {
  it('a key made of a name sliced from a two-byte text is two-byte when nothing interned it first (what the module is for)', () => {
    const name = freshName('Plain');
    const text = `"人才" type Query { ${name}: Int }`;
    expect(serialize(twoByteSlice(text, name))[2]).toBe(TWO_BYTE);
    expect(keyForm(twoByteSlice(text, name))).toBe(TWO_BYTE);
  });

  it('internNames makes every name of a two-byte text a one-byte key, descriptions words included', () => {
    const field = freshName('Field');
    const word = freshName('Word');
    const text = `"""专家 ${word}""" type Query { ${field}(first: Int): [Int] }`;
    internNames(text);
    expect(keyForm(twoByteSlice(text, field))).toBe(ONE_BYTE);
    expect(keyForm(twoByteSlice(text, word))).toBe(ONE_BYTE);
    expect(keyForm(twoByteSlice(text, 'first'))).toBe(ONE_BYTE);
  });

  it("a subgraph's SDL files (loadSdl) are interned before they are parsed", () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-names-'));
    try {
      const field = freshName('Sdl');
      const file = join(dir, 'schema.graphql');
      writeFileSync(file, `"""人才库""" type Query { ${field}: Int }\n`);
      const { sdl, typeDefs } = loadSdl(pathToFileURL(file));
      expect(typeDefs.definitions).toHaveLength(1);
      expect(keyForm(twoByteSlice(sdl, field))).toBe(ONE_BYTE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the gateway interns its supergraph names (static text and every update of a manager)', () => {
  let workload: FederationWorkload;
  let subgraphs: RunningSubgraphs;
  let headers: Record<string, string>;
  beforeAll(async () => {
    workload = loadWorkload(FEDERATION_FIXTURE_DIR);
    subgraphs = await serveBenchmarkSubgraphs({ data: workload.data, port: 0, host: '127.0.0.1' });
    headers = { authorization: `Bearer ${await clientToken({ region: '510000', scopes: ['talent:read'], sub: 'names-client' })}` };
  });
  afterAll(async () => {
    await subgraphs?.close();
  });

  /** The benchmark's supergraph with a Chinese description naming `word` on its Query type. */
  function describedSupergraph(word: string): string {
    const sdl = rewriteRoutingUrls(workload.supergraphSdl, subgraphs.baseUrl);
    return sdl.replace(/\ntype Query\b/, `\n"""查询 ${word}"""\ntype Query`);
  }

  async function gatewayOver(supergraphSdl: string | SupergraphManager, urlsFrom: string) {
    return serveTestGateway({ supergraphSdl, subgraphUrls: routingUrls(urlsFrom) });
  }

  it('a static supergraph', async () => {
    const word = freshName('Static');
    const sdl = describedSupergraph(word);
    expect(sdl).toContain(word);
    const gateway = await gatewayOver(sdl, sdl);
    try {
      expect((await post(gateway.url, workload.query, undefined, headers)).body).toEqual(workload.expected);
      expect(keyForm(twoByteSlice(sdl, word))).toBe(ONE_BYTE);
    } finally {
      await gateway.close();
    }
  });

  it("a manager's first supergraph and the one it swaps in later", async () => {
    const first = describedSupergraph(freshName('First'));
    const secondWord = freshName('Second');
    const second = describedSupergraph(secondWord);
    let update: ((sdl: string) => void) | undefined;
    const manager: SupergraphManager = {
      async initialize(hooks) {
        update = hooks.update;
        return { supergraphSdl: first };
      },
    };
    const gateway = await gatewayOver(manager, first);
    try {
      expect(keyForm(twoByteSlice(first, first.match(/zzFirst[0-9a-f]+/)![0]))).toBe(ONE_BYTE);
      update!(second);
      expect((await post(gateway.url, workload.query, undefined, headers)).body).toEqual(workload.expected);
      expect(keyForm(twoByteSlice(second, secondWord))).toBe(ONE_BYTE);
    } finally {
      await gateway.close();
    }
  });
});

import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import codegenConfig from '../../codegen.ts';
import { API_SCHEMA_PATH, compose, coreSubgraphSources, SUPERGRAPH_PATH } from '../../schema/compose.ts';

describe('committed artefacts are up to date', () => {
  it('schema/supergraph.graphql and schema/api.graphql equal a fresh composition (run `npm run compose`)', () => {
    const result = compose(coreSubgraphSources());
    if (!result.ok) throw new Error(`composition failed:\n${result.errors.map((e) => `${e.code}: ${e.message}`).join('\n')}`);
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8'), 'schema/supergraph.graphql is stale: run `npm run compose`').toBe(result.supergraphSdl);
    expect(readFileSync(API_SCHEMA_PATH, 'utf8'), 'schema/api.graphql is stale: run `npm run compose`').toBe(`${result.apiSdl}\n`);
  });

  it('generated resolver types and typed operations equal a fresh codegen run (run `npm run codegen`)', async () => {
    const outputs = await generate({ ...codegenConfig, silent: true }, false);
    expect(outputs.length).toBeGreaterThanOrEqual(4);
    for (const output of outputs) {
      expect(readFileSync(output.filename, 'utf8'), `${output.filename} is stale: run \`npm run codegen\``).toBe(output.content);
    }
  });
});

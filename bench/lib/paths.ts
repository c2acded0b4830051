import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the results of a run go (`latest.json`, gitignored). */
export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/**
 * The folder with the public federation benchmark's data (supergraph, data, query, expected
 * response). It lives beside the project, in `../shared/bench/federation-benchmark/`; the
 * `--federation-dir` flag of `npm run bench` points elsewhere.
 */
export const DEFAULT_FEDERATION_DIR = fileURLToPath(new URL('../../../shared/bench/federation-benchmark/', import.meta.url));

/** Throws with a message saying what to do when the benchmark data folder is missing. */
export function requireFederationDir(dir: string): string {
  for (const file of ['supergraph.graphql', 'data.json', 'query.graphql', 'expected-response.json']) {
    if (!existsSync(`${dir}/${file}`)) {
      throw new Error(
        `The federation benchmark data is missing: ${dir}/${file} does not exist. Pass --federation-dir <folder with supergraph.graphql, data.json, query.graphql, expected-response.json>.`,
      );
    }
  }
  return dir;
}

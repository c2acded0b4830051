import { fileURLToPath } from 'node:url';
import { requireFederationDir } from '../../bench/lib/paths.ts';

/**
 * The federation benchmark's data as the tests use it: the repository's copy in
 * `test/fixtures/federation-benchmark/` (see its README), so a fresh clone needs nothing beside it.
 */
export const FEDERATION_FIXTURE_DIR = requireFederationDir(fileURLToPath(new URL('../fixtures/federation-benchmark/', import.meta.url)));

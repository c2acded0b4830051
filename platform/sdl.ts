import { readFileSync } from 'node:fs';
import { type DocumentNode, parse } from 'graphql';

/** The audit trail's SDL, which every core subgraph's schema includes after its own file. */
export const AUDIT_SDL = new URL('./audit/schema.graphql', import.meta.url);

/**
 * Reads a subgraph's SDL files (URLs, usually relative to the caller's module URL) and parses them
 * as one document: the subgraph's own schema.graphql first, then shared parts such as AUDIT_SDL.
 */
export function loadSdl(...urls: [URL, ...URL[]]): { sdl: string; typeDefs: DocumentNode } {
  const sdl = urls.map((url) => readFileSync(url, 'utf8')).join('\n');
  return { sdl, typeDefs: parse(sdl) };
}

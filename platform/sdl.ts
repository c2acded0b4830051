import { readdirSync, readFileSync } from 'node:fs';
import { type DocumentNode, parse } from 'graphql';
import { internNames } from './names.ts';

/** The audit trail's SDL, which every core subgraph's schema includes after its own file. */
export const AUDIT_SDL = new URL('./audit/schema.graphql', import.meta.url);

/**
 * Reads a subgraph's SDL files (URLs, usually relative to the caller's module URL) and parses them
 * as one document: the subgraph's own schema.graphql first, then shared parts such as AUDIT_SDL.
 */
export function loadSdl(...urls: [URL, ...URL[]]): { sdl: string; typeDefs: DocumentNode } {
  const sdl = urls.map((url) => readFileSync(url, 'utf8')).join('\n');
  // Its descriptions are Chinese, so the text is two-byte: its names are interned one-byte first.
  internNames(sdl);
  return { sdl, typeDefs: parse(sdl) };
}

/**
 * The SDL files of the subgraph in `dir` (a directory URL ending in '/'): its schema.graphql first
 * (the one with `extend schema @link`), then its other *.graphql files by name, so a long schema can
 * keep its mutation inputs and payloads beside it in a file of their own.
 */
export function subgraphSdlFiles(dir: URL): [URL, ...URL[]] {
  const others = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql') && file !== 'schema.graphql')
    .sort();
  return [new URL('schema.graphql', dir), ...others.map((file) => new URL(file, dir))];
}

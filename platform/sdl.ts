import { readFileSync } from 'node:fs';
import { type DocumentNode, parse } from 'graphql';

/** Reads and parses a subgraph's SDL file (resolved relative to the caller's module URL). */
export function loadSdl(url: URL): { sdl: string; typeDefs: DocumentNode } {
  const sdl = readFileSync(url, 'utf8');
  return { sdl, typeDefs: parse(sdl) };
}

import { z } from 'zod';
import { SUBGRAPH_NAMES } from '../../platform/config.ts';
import { RegionCode } from '../../platform/model.ts';

/**
 * What the registry knows: the partner subgraphs added at run time and the last supergraph that
 * composed and passed every check. The core subgraphs are not stored: they come from the
 * gateway's configuration (URLs) and the hub's own SDL files, so a deploy changes them.
 */

/** Names the admin API refuses for partners: the core subgraphs and words the graph itself uses. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...SUBGRAPH_NAMES,
  'hub',
  'gateway',
  'admin',
  'core',
  'query',
  'mutation',
  'subscription',
  'federation',
  'join',
  'link',
  'apollo',
  'talent',
  'region',
]);

/**
 * A partner subgraph's name: 3-30 lower-case letters and digits, starting with a letter. The name
 * is also its namespace (see `namespaceOf`), which is why neither `-` nor `_` is allowed.
 */
export const PartnerName = z.string({ message: 'is required' }).regex(/^[a-z][a-z0-9]{2,29}$/, 'must be 3-30 lower-case letters and digits starting with a letter, e.g. "hainan"');

/** A subgraph URL the gateway will route to: http(s), no credentials, no fragment. */
export const SubgraphUrl = z
  .string({ message: 'is required' })
  .max(2000, 'must be at most 2000 characters')
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && !url.hash;
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL without credentials or fragment, e.g. http://127.0.0.1:4100/graphql');

/** A partner subgraph as stored. */
export const PartnerRecord = z.object({
  name: PartnerName,
  url: SubgraphUrl,
  /** GB/T 2260 code of the province whose administrator added it (from the token's `region`). */
  ownerRegion: RegionCode,
  /** The calling system (token `sub`) that first published it. */
  addedBy: z.string().min(1),
  addedAt: z.coerce.date(),
  updatedBy: z.string().min(1),
  updatedAt: z.coerce.date(),
  /** The SDL last accepted (what the supergraph was composed from). */
  sdl: z.string().min(1),
});
export type PartnerRecord = z.infer<typeof PartnerRecord>;

/** The last supergraph that composed and passed the checks: served at start-up when nothing else composes. */
export const StoredSupergraph = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  supergraphSdl: z.string().min(1),
  apiSdl: z.string().min(1),
  composedAt: z.coerce.date(),
});
export type StoredSupergraph = z.infer<typeof StoredSupergraph>;

/**
 * The whole registry: one document (MongoDB) or one file, so a publish changes partners and the
 * last good supergraph together, and `revision` makes every write a compare-and-swap.
 */
export const RegistryState = z.object({
  revision: z.number().int().min(0),
  partners: z.array(PartnerRecord),
  supergraph: StoredSupergraph.nullable(),
});
export type RegistryState = z.infer<typeof RegistryState>;

export const EMPTY_STATE: RegistryState = { revision: 0, partners: [], supergraph: null };

/** A subgraph of the graph as the registry lists it. */
export interface SubgraphEntry {
  name: string;
  url: string;
  kind: 'core' | 'partner';
  /** Province that owns it; `000000` for the hub's core subgraphs. */
  ownerRegion: string;
  addedBy: string | null;
  addedAt: Date | null;
  updatedAt: Date | null;
  sdl: string;
  /** Whether it is part of the supergraph being served (false while a reload that adds it fails). */
  served: boolean;
}

/** The owner region the core subgraphs are listed with (the hub itself, not a province). */
export const HUB_REGION = '000000';

/**
 * A partner's namespace: types it adds start with `typePrefix` (`Hainan...`), fields it adds to
 * root types and to others' entities start with `fieldPrefix` (`hainan...`).
 */
export function namespaceOf(name: string): { typePrefix: string; fieldPrefix: string } {
  return { typePrefix: name.charAt(0).toUpperCase() + name.slice(1), fieldPrefix: name };
}

/** True when `identifier` lies in the namespace `prefix`: the prefix itself, or the prefix then a capital, digit or `_`. */
export function inNamespace(identifier: string, prefix: string): boolean {
  if (!identifier.startsWith(prefix)) return false;
  const next = identifier.charAt(prefix.length);
  return next === '' || /[A-Z0-9_]/.test(next);
}

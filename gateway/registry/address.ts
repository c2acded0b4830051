import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where the registry may fetch a partner's SDL from. A publisher names a URL and the gateway
 * connects to it from inside the hub's network, so without these rules the registry would be a
 * way to reach what only the hub can reach: cloud metadata services (credentials), link-local
 * services, and in production the hub's private network (databases, admin ports).
 *
 * - never, in any environment: link-local (169.254.0.0/16, fe80::/10), the metadata services
 *   (169.254.169.254, fd00:ec2::254, Alibaba Cloud's 100.100.100.200, and the names
 *   metadata.google.internal, metadata, instance-data...), "this network" 0.0.0.0/8 and `::`,
 *   multicast, broadcast and reserved ranges;
 * - private and loopback (10/8, 172.16/12, 192.168/16, 100.64/10, 127/8, ::1, fc00::/7, ...):
 *   allowed outside production (partners run on the developer's machine), refused in production
 *   unless the network is allow-listed (HUB_REGISTRY_ALLOWED_NETWORKS);
 * - everything else (public addresses): allowed.
 *
 * A host name is resolved and every address it resolves to must pass; the connection is then
 * made to an address that was checked (see `fetchPinned`), so a second DNS answer cannot aim it
 * elsewhere.
 */
export interface AddressPolicy {
  /** Private and loopback addresses are allowed (outside production). */
  allowPrivate: boolean;
  /** CIDR blocks allowed even when `allowPrivate` is false; never overrides the "never" list. */
  allowedNetworks: readonly string[];
}

/** Outside production: private and loopback allowed, link-local and metadata refused. */
export const DEVELOPMENT_ADDRESS_POLICY: AddressPolicy = { allowPrivate: true, allowedNetworks: [] };

/** A resolved address the registry may connect to. */
export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

export type AddressCheck =
  | { ok: true; addresses: CheckedAddress[] }
  /** `refused`: the URL names a forbidden address; `unresolved`: the name does not resolve. */
  | { ok: false; reason: 'refused' | 'unresolved'; message: string };

const METADATA_HOSTS = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
  'metadata.platformequinix.com',
]);

const NEVER = new BlockList();
NEVER.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local; 169.254.169.254 is the AWS/GCP/Azure/Tencent metadata service
NEVER.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata service
NEVER.addSubnet('0.0.0.0', 8, 'ipv4'); // "this network" (0.0.0.0 reaches the local host)
NEVER.addSubnet('224.0.0.0', 4, 'ipv4'); // multicast
NEVER.addSubnet('240.0.0.0', 4, 'ipv4'); // reserved, and 255.255.255.255 broadcast
NEVER.addSubnet('fe80::', 10, 'ipv6'); // link-local
NEVER.addAddress('fd00:ec2::254', 'ipv6'); // AWS metadata service over IPv6
NEVER.addAddress('::', 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6'); // multicast

const PRIVATE = new BlockList();
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4'); // carrier-grade NAT, used inside clouds
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4'); // loopback
PRIVATE.addSubnet('198.18.0.0', 15, 'ipv4'); // benchmarking networks
PRIVATE.addSubnet('192.0.0.0', 24, 'ipv4'); // IETF protocol assignments
PRIVATE.addAddress('::1', 'ipv6'); // loopback
PRIVATE.addSubnet('fc00::', 7, 'ipv6'); // unique local

/** The 8 groups of an IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The IPv4 address an IPv6 address carries, if it is IPv4-mapped (::ffff:a.b.c.d, which the
 * kernel connects to over IPv4) or NAT64 (64:ff9b::a.b.c.d), so those spellings of a forbidden
 * IPv4 address are refused too.
 */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  if (g.length !== 8) return null;
  const mapped = g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff;
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0;
  if (!mapped && !nat64) return null;
  return [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff].join('.');
}

type Category = 'never' | 'private' | 'public';

/** How the rules above class one IP address. */
export function classifyAddress(address: string): Category {
  const family = isIP(address);
  if (family === 0) return 'never';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (NEVER.check(address, type)) return 'never';
  if (family === 6) {
    const inner = embeddedIpv4(address);
    if (inner) return classifyAddress(inner);
  }
  return PRIVATE.check(address, type) ? 'private' : 'public';
}

function allowList(networks: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of networks) {
    const [address, bits] = cidr.split('/') as [string, string];
    list.addSubnet(address, Number(bits), isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

/**
 * Checks where `url` would connect under `policy`: its host (a metadata name is refused before
 * any DNS query), then every address the host resolves to. Resolution failures are `unresolved`
 * (reported to the publisher like any other failure to reach the subgraph).
 */
export async function checkUrlAddresses(url: URL, policy: AddressPolicy, resolve: typeof lookup = lookup): Promise<AddressCheck> {
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  const refused = (what: string): AddressCheck => ({
    ok: false,
    reason: 'refused',
    message: `${url.origin} is not a place the registry fetches from: ${what}. Publish the partner's public https:// URL${policy.allowPrivate ? '' : ' (or ask the hub operators to allow-list its network in HUB_REGISTRY_ALLOWED_NETWORKS)'}.`,
  });
  if (METADATA_HOSTS.has(host)) return refused('it names a cloud metadata service');
  let addresses: CheckedAddress[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) as 4 | 6 }];
  else {
    try {
      addresses = (await resolve(host, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family as 4 | 6 }));
    } catch {
      return { ok: false, reason: 'unresolved', message: `${host} does not resolve` };
    }
    if (addresses.length === 0) return { ok: false, reason: 'unresolved', message: `${host} does not resolve` };
  }
  const allowed = allowList(policy.allowedNetworks);
  for (const { address, family } of addresses) {
    const category = classifyAddress(address);
    if (category === 'never') return refused('link-local, metadata, multicast and reserved addresses are never fetched');
    if (category === 'private' && !policy.allowPrivate && !allowed.check(address, family === 4 ? 'ipv4' : 'ipv6')) {
      return refused('in production private and loopback addresses are fetched only when allow-listed');
    }
  }
  return { ok: true, addresses };
}

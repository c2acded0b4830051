import { createHash, createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from 'node:crypto';

/**
 * The development audit key: public, so that `npm start` works without setup. A subgraph started
 * with `NODE_ENV=production` refuses to run on it (it needs `HUB_AUDIT_KEY`).
 */
export const DEVELOPMENT_AUDIT_KEY = 'talent-hub development audit key: not secret, set HUB_AUDIT_KEY';

/** Smallest accepted length of an audit key (a random 32-byte value in base64 is 44 characters). */
export const MIN_AUDIT_KEY_LENGTH = 32;

/**
 * One generation of audit key material, all derived from one secret (the `HUB_AUDIT_KEY` setting,
 * which lives in the process environment and never in the database):
 * - `macKey`: HMAC-SHA256 key that authenticates every event's hash;
 * - `signingKey` / `publicKey`: the Ed25519 pair that signs checkpoints. The public key is published
 *   (`GET /audit/checkpoints`, `AuditChainReport.signingKeys`), so any party verifies a checkpoint
 *   without the secret.
 * `id` names the generation in events (`keyId`) and checkpoints; it is a hash of the secret, so two
 * different secrets never share an id and rotating the secret rotates the id.
 */
export interface AuditKey {
  id: string;
  macKey: Buffer;
  signingKey: KeyObject;
  publicKey: KeyObject;
}

/** A published checkpoint verification key: Ed25519, the raw 32-byte public key in base64url. */
export interface PublicAuditKey {
  keyId: string;
  algorithm: 'Ed25519';
  publicKey: string;
}

/**
 * The keys a verifier holds. A party holds public keys only: it can check checkpoint signatures and
 * the hash chain up to a checkpoint. The subgraph and an auditor with the secret also hold MAC keys,
 * which authenticate events written after the last checkpoint.
 */
export interface VerifyKeys {
  publicKeys: Map<string, KeyObject>;
  macKeys: Map<string, Buffer> | null;
}

/** The current key (events and checkpoints are made with it) and retired ones (still verified). */
export interface AuditKeyring {
  current: AuditKey;
  all: AuditKey[];
}

// PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function derive(secret: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), info, 32));
}

/** Derives one key generation from an audit secret (HKDF-SHA256 with distinct labels). */
export function auditKeyFrom(secret: string): AuditKey {
  const id = `ak-${createHash('sha256').update(`talent-hub audit key id\0${secret}`).digest('hex').slice(0, 16)}`;
  const seed = derive(secret, 'talent-hub audit checkpoint ed25519 seed v1');
  const signingKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { id, macKey: derive(secret, 'talent-hub audit event mac v1'), signingKey, publicKey: createPublicKey(signingKey) };
}

/** The keyring of a subgraph: `current` signs and MACs, `retired` secrets still verify older events. */
export function createAuditKeyring(current: string, retired: readonly string[] = []): AuditKeyring {
  const currentKey = auditKeyFrom(current);
  const all = [currentKey];
  for (const secret of retired) {
    const key = auditKeyFrom(secret);
    if (!all.some((k) => k.id === key.id)) all.push(key);
  }
  return { current: currentKey, all };
}

/** The public half of a key, as published. */
export function publicAuditKey(key: Pick<AuditKey, 'id' | 'publicKey'>): PublicAuditKey {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return { keyId: key.id, algorithm: 'Ed25519', publicKey: String(jwk.x) };
}

/** Reads a published key back into a verification key; throws on anything but an Ed25519 public key. */
export function importPublicAuditKey(published: { keyId: string; publicKey: string; algorithm?: string }): { keyId: string; key: KeyObject } {
  if (published.algorithm !== undefined && published.algorithm !== 'Ed25519') throw new Error(`key ${published.keyId}: algorithm ${published.algorithm} is not Ed25519`);
  if (!/^[A-Za-z0-9_-]{43}$/.test(published.publicKey)) throw new Error(`key ${published.keyId}: publicKey must be a raw Ed25519 key in base64url (43 characters)`);
  return { keyId: published.keyId, key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: published.publicKey }, format: 'jwk' }) };
}

/** Everything a keyring verifies with (public and MAC keys of every generation). */
export function verifyKeysOf(keyring: Pick<AuditKeyring, 'all'>): VerifyKeys {
  return {
    publicKeys: new Map(keyring.all.map((k) => [k.id, k.publicKey])),
    macKeys: new Map(keyring.all.map((k) => [k.id, k.macKey])),
  };
}

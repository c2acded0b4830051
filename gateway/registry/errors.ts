import type { CheckError } from './checks.ts';

/**
 * A refusal with its HTTP status and the errors the admin API answers (`{ errors: [{ code, message }] }`).
 * In a module of its own so that the admin API (which every gateway mounts, the trusted-documents API
 * included) can tell a refusal without loading the registry's commands: those bring composition and
 * schema diffing (@apollo/composition, @graphql-inspector), which a gateway without a registry never
 * uses: 0.9 MB of idle heap (measured; V8 compiles lazily, so they cost mostly their source text),
 * and under load V8 lets the heap grow to about 4x what is live, so it shows in peak RSS.
 */
export class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly errors: (CheckError | { code: string; message: string })[],
  ) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
  }
}

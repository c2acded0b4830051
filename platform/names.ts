/**
 * GraphQL names kept in V8's string table in their one-byte (Latin-1) form.
 *
 * Every object key is an internalized string, and V8's string table holds one string per content:
 * the first form of a name to become a key stays the form of that key everywhere in the process.
 * A name sliced from a schema text that holds a single character beyond Latin-1 (a Chinese
 * description, an arrow in a comment) is stored two bytes a character, and once such a slice has
 * been a key, every answer object with that key stringifies through V8's two-byte path: the
 * federation benchmark's 87.6 KB answer came out of `JSON.stringify` as a two-byte rope that took
 * about 1 ms to flatten and encode per request (10% of the gateway's CPU), against 0.05 ms for the
 * same answer with one-byte keys (measured in the gateway, `bench/overhead.ts`). @apollo/gateway's
 * own start-up turns some names of even an all-ASCII supergraph into two-byte keys, so the names
 * are interned here first, before any schema is built from the text.
 *
 * Held for the life of the process (the table forgets a string nothing references); a schema's
 * names are a few thousand short strings.
 */
const kept: Record<string, true> = Object.create(null) as Record<string, true>;

/** A GraphQL name (and any identifier-like word of a description: harmless). */
const NAME = /[_A-Za-z][_0-9A-Za-z]*/g;

/**
 * Interns every GraphQL name in `text` (an SDL or an operation) as a one-byte string, unless the
 * process already holds that name as a key. Call it before the text is parsed into a schema.
 */
export function internNames(text: string): void {
  for (const match of text.matchAll(NAME)) {
    // A slice of a two-byte text is two-byte, and using it as a key would intern that form: the
    // name is copied to a one-byte string first (latin1 decoding makes one), then made a key.
    const name = Buffer.from(match[0], 'latin1').toString('latin1');
    kept[name] = true;
  }
}

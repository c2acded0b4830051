/**
 * A canonical JSON text of a parsed value: object keys sorted, no whitespace. Two values are
 * equal as parsed JSON exactly when their canonical texts are equal, so a response is checked by
 * one string comparison against the expected answer's precomputed canonical text.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/**
 * Checks response bodies against one expected answer, cheaply: a body byte-identical to one
 * already accepted passes at once; any other body is parsed and compared canonically (and, when
 * it matches, remembered, so a gateway that formats differently pays the parse once).
 */
export function createBodyChecker(expected: unknown) {
  const expectedCanonical = canonicalJson(expected);
  const accepted = new Set<string>();
  return (body: string): boolean => {
    if (accepted.has(body)) return true;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return false;
    }
    if (canonicalJson(parsed) !== expectedCanonical) return false;
    if (accepted.size < 8) accepted.add(body);
    return true;
  };
}

/** Escapes a user's text for use inside a regular expression, so it matches literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The GB/T 2260 prefix of a region and everything under it: 510000 -> "51", 510100 -> "5101". */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** The province a GB/T 2260 code belongs to: 510104 -> 510000. */
export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

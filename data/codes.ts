/** Identifier and region-code arithmetic shared by the seed generator's parts. */

/** Six-digit zero-padded number: serials such as 000001 sort lexically in numeric order. */
export function pad6(n: number): string {
  return String(n).padStart(6, '0');
}

/** Is `code` inside `ancestor` (or equal)? Province codes end in 0000, prefectures in 00. */
export function within(code: string, ancestor: string): boolean {
  if (ancestor.endsWith('0000')) return code.startsWith(ancestor.slice(0, 2));
  if (ancestor.endsWith('00')) return code.startsWith(ancestor.slice(0, 4));
  return code === ancestor;
}

/** A region is covered by an agreement party when one contains the other (a province talent vs a county party). */
export function touches(region: string, party: string): boolean {
  return within(region, party) || within(party, region);
}

/**
 * Disclosure control for aggregates (statistical small-cell suppression), shared by the subgraphs
 * that count people: an aggregate must not single a person out of another province's records.
 *
 * A cell counts the caller's own province's records (`own`, always exact: they are its own data)
 * and other provinces' records (`others`). A cell with `0 < others < minGroup` is suppressed
 * (primary suppression). Suppressing one cell is not enough when the rest of its row or column is
 * published: the total of the row (another query away) minus the shown cells gives the hidden one
 * back. So within every slice of the table along every dimension, while the suppressed cells hide
 * fewer than `minGroup` records of other provinces, the smallest shown cell with such records is
 * suppressed too (complementary suppression). The grand total is withheld when the records hidden
 * in suppressed cells could still be derived from it.
 */

/** One cell before disclosure control: its key values (one per dimension) and its counts. */
export interface CountCell {
  values: readonly (string | null)[];
  own: number;
  others: number;
}

/** A cell after disclosure control. */
export interface DisclosedCell extends CountCell {
  suppressed: boolean;
}

export interface Disclosure {
  cells: DisclosedCell[];
  /** False when the other provinces' total would reveal what the suppressed cells hide. */
  totalDisclosed: boolean;
}

/** Primary suppression alone: true when a cell holds some, but fewer than `minGroup`, records of other provinces. */
export function isSmallGroup(others: number, minGroup: number): boolean {
  return others > 0 && others < minGroup;
}

/**
 * Applies primary and complementary suppression to a table of cells (see the module comment).
 * `othersTotal` is the number of distinct other-province records behind the whole table (a record
 * counted in two cells of a list dimension counts once). Cells and their order are kept.
 */
export function discloseCells(cells: readonly CountCell[], othersTotal: number, minGroup: number): Disclosure {
  const out: DisclosedCell[] = cells.map((c) => ({ ...c, suppressed: isSmallGroup(c.others, minGroup) }));
  const dimensions = out[0]?.values.length ?? 0;
  // The slices along each dimension: the cells that share every other key value.
  const slices: DisclosedCell[][] = [];
  for (let d = 0; d < dimensions; d++) {
    const byRest = new Map<string, DisclosedCell[]>();
    for (const cell of out) {
      const key = JSON.stringify(cell.values.filter((_, i) => i !== d));
      const slice = byRest.get(key);
      if (slice) slice.push(cell);
      else byRest.set(key, [cell]);
    }
    for (const slice of byRest.values()) if (slice.length > 1 || slice[0]!.suppressed) slices.push(slice.sort((a, b) => a.others - b.others));
  }

  // Each round suppresses at least one more cell, so this ends after at most cells.length rounds.
  for (let changed = true; changed; ) {
    changed = false;
    for (const slice of slices) {
      const hidden = slice.reduce((n, c) => n + (c.suppressed ? c.others : 0), 0);
      if (hidden === 0 || hidden >= minGroup) continue;
      // Slices are sorted by size: the first shown cell with other provinces' records is the smallest.
      const candidate = slice.find((c) => !c.suppressed && c.others > 0);
      // No candidate: every other-province record of the slice is already hidden, so its
      // marginal is itself a small group and is suppressed wherever it is published.
      if (!candidate) continue;
      candidate.suppressed = true;
      changed = true;
    }
  }

  const shown = out.reduce((n, c) => n + (c.suppressed ? 0 : c.others), 0);
  const hiddenInTotal = Math.max(0, othersTotal - shown);
  const totalDisclosed = !isSmallGroup(othersTotal, minGroup) && !isSmallGroup(hiddenInTotal, minGroup);
  return { cells: out, totalDisclosed };
}

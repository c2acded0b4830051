import type { CliIo } from './usage.ts';

/** One error of the admin API's `{ errors: [...] }`. */
export interface ApiError {
  code: string;
  message: string;
  compositionCode?: string;
  path?: string;
}

/** One change to the API schema, as publish and check answer it. */
export interface Change {
  criticality: 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';
  type: string;
  message: string;
}

const MARK: Record<Change['criticality'], string> = { NON_BREAKING: '+', DANGEROUS: '!', BREAKING: '-' };

/** Lists the changes a publish or check makes to the API schema, one line each. */
export function printChanges(io: CliIo, changes: Change[] | undefined): void {
  if (!changes?.length) {
    io.out('No change to the API schema.');
    return;
  }
  // Descriptions are most of a new subgraph's changes and say little; they are counted, not listed.
  const shown = changes.filter((c) => !c.type.includes('DESCRIPTION'));
  io.out(`${changes.length} change${changes.length === 1 ? '' : 's'} to the API schema (+ addition, ! dangerous, - breaking):`);
  for (const c of shown) io.out(`  ${MARK[c.criticality] ?? '?'} ${c.message}`);
  if (shown.length < changes.length) io.out(`  (and ${changes.length - shown.length} description changes; --json lists every change)`);
}

/** Prints the admin API's errors to stderr, one line each. */
export function printErrors(io: CliIo, errors: ApiError[] | undefined): void {
  for (const e of errors ?? []) io.err(`  ${e.code}${e.compositionCode ? ` [${e.compositionCode}]` : ''}: ${e.message}`);
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

/** Prints rows under a header, each column as wide as its widest cell plus two. */
export function printTable(io: CliIo, header: string[], rows: unknown[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)) + 2);
  io.out(
    header
      .map((h, i) => pad(h, widths[i]!))
      .join('')
      .trimEnd(),
  );
  for (const row of rows)
    io.out(
      row
        .map((v, i) => pad(String(v), widths[i]!))
        .join('')
        .trimEnd(),
    );
}

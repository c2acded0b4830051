import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';

// Programmes and agreements are run by Chinese regional governments, so "today" is the date in
// China Standard Time, not in the server's zone: at 23:00 UTC it is already tomorrow in Chengdu.
const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time. */
export function chinaDate(instant: Date): string {
  return CHINA_DATE.format(instant);
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The LocalDate scalar of the subgraphs with date inputs (projects, coordination): graphql-scalars'
 * for answers (YYYY-MM-DD), but an input date is taken as sent, and the models check it (`IsoDate`,
 * platform/model.ts) where its path is known, so an impossible date (2027-13-01, 2026-02-30) is
 * BAD_USER_INPUT on e.g. `input.period.start`. Refused at variable coercion it was an HTTP 400 without
 * the field's path (the gateway reported it as SUBGRAPH_UNAVAILABLE, "retry later", before c6330a7).
 * So every LocalDate input must be checked by its model.
 */
export const LocalDate = new GraphQLScalarType({ ...LocalDateResolver.toConfig(), parseValue: (value) => value, parseLiteral: (ast) => valueFromASTUntyped(ast) });

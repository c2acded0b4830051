import { z } from 'zod';

/** Shared value shapes of stored documents and inputs, used by every core subgraph. */

/** GB/T 2260 six-digit administrative division code. */
export const RegionCode = z.string().regex(/^\d{6}$/, 'must be a six-digit GB/T 2260 code such as "510000"');

/** Our ids: letters, digits, '-' and '_', at most 64 characters (never an object, never an operator). */
export const EntityId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "-" or "_"');

/** Calendar date as stored and served: YYYY-MM-DD. */
export const IsoDate = z.iso.date({ message: 'must be a calendar date that exists, written YYYY-MM-DD, such as 2026-03-01' });

export const Sector = z.enum(['AGRICULTURE', 'INDUSTRY', 'SERVICES']);
export type Sector = z.infer<typeof Sector>;

/** GB/T 13745 discipline code (first level: three digits). */
export const DisciplineCode = z.string().regex(/^\d{3}(\.\d{2}(\.\d{2})?)?$/, 'must be a GB/T 13745 code such as "210"');

export const Period = z.object({ start: IsoDate, end: IsoDate }).refine((p) => p.start <= p.end, { message: 'end must not be before start', path: ['end'] });

import type { QueryResolvers } from '../types.generated.ts';

export const disciplines: NonNullable<QueryResolvers['disciplines']> = (_parent, _args, ctx) => ctx.store.listDisciplines();

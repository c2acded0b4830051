import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * One target per subgraph (typed resolvers: federation on, mappers to stored documents,
 * context type set) plus typed documents for the client operations under schema/operations.
 * `npm run codegen` writes them; a test fails when they are stale.
 */
const subgraph = (name: string, context: string, mappers: string[], dir = `subgraphs/${name}`, shared: string[] = ['platform/audit/schema.graphql']) => ({
  [`${dir}/resolvers/types.generated.ts`]: {
    schema: [`${dir}/schema.graphql`, ...shared],
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useTypeImports: true,
      enumsAsTypes: true,
      contextType: `../context.ts#${context}`,
      mappers: Object.fromEntries(mappers.map((type) => [type, `../schema.mappers.ts#${type}Mapper`])),
      scalars: { DateTime: 'Date', LocalDate: 'string' },
      avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      maybeValue: 'T | null',
    },
  },
});

/**
 * The target of a partner subgraph (`partners/<name>/` by default): the same as a core one, with
 * the context `<Name>Context` and, as mappers, every `<Type>Mapper` its schema.mappers.ts exports
 * (found by name, so a partner adds a mapper without editing this file).
 */
export function partnerTarget(name: string, dir = `partners/${name}`) {
  const mappers = [...readFileSync(`${dir}/schema.mappers.ts`, 'utf8').matchAll(/^export type (\w+)Mapper\b/gm)].map((m) => m[1]!);
  return subgraph(name, `${name.charAt(0).toUpperCase()}${name.slice(1)}Context`, mappers, dir, []);
}

/** Partner subgraphs kept in this repository (partners/<name>/schema.graphql). */
const partners = existsSync('partners')
  ? readdirSync('partners', { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(`partners/${d.name}/schema.graphql`))
      .map((d) => d.name)
      .sort()
  : [];

const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  generates: {
    ...subgraph('experts', 'ExpertsContext', ['Talent', 'ExpertPool', 'Discipline', 'TalentConnection', 'Region', 'Award', 'Engagement', 'AuditEvent', 'AuditEventConnection', 'AuditVerification', 'TalentStatsKey', 'PoolCoverage']),
    ...subgraph('projects', 'ProjectsContext', ['TalentProgram', 'Award', 'Challenge', 'AwardConnection', 'Talent', 'Region', 'ProgramTarget', 'AuditVerification', 'ProgramProgress', 'AuditEvent', 'AuditEventConnection']),
    'schema/operations/generated.ts': {
      schema: 'schema/api.graphql',
      documents: 'schema/operations/*.graphql',
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { useTypeImports: true, enumsAsTypes: true, maybeValue: 'T | null' },
    },
    ...Object.assign({}, ...partners.map((name) => partnerTarget(name))),
    ...subgraph('coordination', 'CoordinationContext', ['Region', 'CooperationAgreement', 'Engagement', 'EngagementConnection', 'Talent', 'AuditVerification', 'AuditEvent', 'AuditEventConnection', 'TalentFlow', 'PoolCoverage']),
  },
};

export default config;

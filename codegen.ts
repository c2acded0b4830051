import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * One target per subgraph (typed resolvers: federation on, mappers to stored documents,
 * context type set) plus typed documents for the client operations under schema/operations.
 * `npm run codegen` writes them; a test fails when they are stale.
 */
const subgraph = (name: string, context: string, mappers: string[]) => ({
  [`subgraphs/${name}/resolvers/types.generated.ts`]: {
    schema: `subgraphs/${name}/schema.graphql`,
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

const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  generates: {
    ...subgraph('experts', 'ExpertsContext', ['Talent', 'ExpertPool', 'Discipline', 'TalentConnection', 'Region', 'Award', 'Engagement', 'AuditEvent', 'AuditEventConnection', 'AuditVerification']),
    ...subgraph('projects', 'ProjectsContext', ['TalentProgram', 'Award', 'Challenge', 'AwardConnection', 'Talent', 'Region', 'ProgramTarget', 'AuditVerification']),
    'schema/operations/generated.ts': {
      schema: 'schema/api.graphql',
      documents: 'schema/operations/*.graphql',
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { useTypeImports: true, enumsAsTypes: true, maybeValue: 'T | null' },
    },
    ...subgraph('coordination', 'CoordinationContext', ['Region', 'CooperationAgreement', 'Engagement', 'EngagementConnection', 'Talent', 'AuditVerification']),
  },
};

export default config;

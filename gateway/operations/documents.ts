import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type ParseOptions,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from 'graphql';
import { printOperation } from '../../schema/operations/print.ts';
import { documentIdOf } from './model.ts';

/** One operation of a `.graphql` file, printed with the fragments it uses, ready to publish. */
export interface OperationText {
  id: string;
  name: string;
  text: string;
}

/**
 * Splits a file of operations (and fragments) into one document per operation: the operation
 * printed with every fragment it uses, transitively, in file order (printOperation, which the
 * explorer prints with too). Printing makes the text, and so the id, independent of the file's
 * layout and comments. Throws a GraphQLError when the file
 * does not parse; an anonymous operation is refused (a registered document is named).
 */
export function splitOperations(source: string): OperationText[] {
  const document = parse(source);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operations.map((operation) => {
    if (!operation.name) throw new GraphQLError('An operation has no name: name every operation (query TalentsOfPool { ... }); a registered document is known by its name.');
    const text = printOperation(document, operation);
    return { id: documentIdOf(text), name: operation.name.value, text };
  });
}

/** A document checked against a schema: its parsed form and operation name, or what to fix. */
export type CheckedDocument = { ok: true; document: DocumentNode; name: string } | { ok: false; problems: string[] };

/** How documents are parsed and validated: as the gateway's Apollo server does (token limit, armor's rules). */
export interface DocumentRules {
  parseOptions?: ParseOptions;
  validationRules?: readonly ValidationRule[];
}

/**
 * Checks one document: its text hashes to `id`, parses within the gateway's limits, holds exactly
 * one operation, named, and validates against `schema` with the rules the gateway runs on every
 * request. Returns the parsed document (what the gateway then serves without parsing again).
 */
export function checkDocument(id: string, text: string, schema: GraphQLSchema, rules: DocumentRules = {}): CheckedDocument {
  const actual = documentIdOf(text);
  if (actual !== id)
    return { ok: false, problems: [`the id does not match the text: the text hashes to ${actual}; send the SHA-256 of the exact text (hub operations publish computes it)`] };
  let document: DocumentNode;
  try {
    document = parse(text, rules.parseOptions);
  } catch (error) {
    return { ok: false, problems: [`the text does not parse: ${(error as Error).message}`] };
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return { ok: false, problems: [`a document holds exactly one operation (it has ${operations.length}): register each operation on its own`] };
  const name = operations[0]!.name?.value;
  if (!name) return { ok: false, problems: ['the operation has no name: name it (query TalentsOfPool { ... })'] };
  const errors = validate(schema, document, [...specifiedRules, ...(rules.validationRules ?? [])]);
  if (errors.length) return { ok: false, problems: errors.map((e) => e.message) };
  return { ok: true, document, name };
}

import { Kind, type OperationDefinitionNode, parse, print } from 'graphql';

/** One example operation for the explorer, with the README text that introduces it. */
export interface ExampleOperation {
  title: string;
  query: string;
}

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * Gives an anonymous operation a name from its root fields (`{ talents … }` becomes
 * `query Talents`): GraphiQL titles its tabs by operation name. Unparsable text is left as is.
 */
function named(body: string, used: Set<string>): string {
  try {
    const document = parse(body);
    const definitions = document.definitions.map((definition) => {
      if (definition.kind !== Kind.OPERATION_DEFINITION || definition.name) return definition;
      const fields = definition.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [pascal(s.name.value)] : []));
      let name = fields.slice(0, 2).join('And') || 'Example';
      for (let i = 2; used.has(name); i++) name = `${fields.slice(0, 2).join('And')}${i}`;
      used.add(name);
      return { ...definition, name: { kind: Kind.NAME, value: name } } satisfies OperationDefinitionNode;
    });
    return print({ ...document, definitions });
  } catch {
    return body;
  }
}

/**
 * The ```graphql blocks of the README, each titled by the sentence or heading above it, so the
 * explorer's tabs are the README's examples and stay in step with it (the README is read at build
 * time; the build is redone when it changes).
 */
export function readmeExamples(markdown: string): ExampleOperation[] {
  const examples: ExampleOperation[] = [];
  const used = new Set<string>();
  const lines = markdown.split('\n');
  let context = 'Example';
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // Inside a shell (or any non-GraphQL) block, '#' starts a comment, not a heading.
    if (fence !== null) {
      if (line.trim() === '```') fence = null;
      continue;
    }
    if (line.trim().startsWith('```') && line.trim() !== '```graphql') {
      fence = line;
      continue;
    }
    if (line.startsWith('#')) context = line.replace(/^#+\s*/, '');
    else if (line.trim() && !line.trim().startsWith('```') && !line.startsWith('|')) context = line.replace(/[:：]\s*$/, '').trim();
    if (line.trim() !== '```graphql') continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
    const title = context.replace(/[`*]/g, '').slice(0, 100);
    examples.push({ title, query: `# ${title}\n${named(body.join('\n'), used)}\n` });
  }
  return examples;
}

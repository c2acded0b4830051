import { Kind, type OperationDefinitionNode, parse, print } from 'graphql';

/** One example operation for the explorer, with the README text that introduces it. */
export interface ExampleOperation {
  title: string;
  query: string;
  /**
   * The partner subgraph the example needs (its block starts `# with partners/<name>`): it does
   * not validate against the core supergraph, so it is not registered and is sent as text.
   */
  partner: string | null;
}

/** The comment that marks a README example as needing a partner subgraph: `# with partners/hainan published`. */
const PARTNER_MARK = /^\s*#\s*with partners\/([\w-]+)/;

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
 * The ```graphql blocks of the README, each titled by the paragraph or heading above it, so the
 * explorer's tabs are the README's examples and stay in step with it (the README is read at build
 * time; the build is redone when it changes).
 */
export function readmeExamples(markdown: string): ExampleOperation[] {
  const examples: ExampleOperation[] = [];
  const used = new Set<string>();
  const lines = markdown.split('\n');
  let context = 'Example';
  let inParagraph = false;
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
    const text = line.trim() && !line.trim().startsWith('```') && !line.startsWith('|') && !line.startsWith('#');
    if (line.startsWith('#')) context = line.replace(/^#+\s*/, '');
    // The whole paragraph (or list item) above the block, its lines joined, not only its last line.
    else if (text) context = `${inParagraph && !/^\s*([-*]|\d+\.)\s/.test(line) ? `${context} ` : ''}${line.replace(/[:：]\s*$/, '').trim()}`;
    inParagraph = Boolean(text);
    if (line.trim() !== '```graphql') continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
    const plain = context.replace(/[`*]/g, '');
    const title = plain.length > 100 ? `${plain.slice(0, 99).replace(/\s+\S*$/, '')}…` : plain;
    const partner = PARTNER_MARK.exec(body.find((l) => l.trim()) ?? '')?.[1] ?? null;
    const note = partner ? `# needs the partner subgraph partners/${partner} published\n` : '';
    examples.push({ title, partner, query: `# ${title}\n${note}${named(body.join('\n'), used)}\n` });
  }
  return examples;
}

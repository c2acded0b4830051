import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { type ComponentProps, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import readme from '../../README.md?raw';
import { documentIdOf, operationDocument, operationNames } from './documents.ts';
import { type ExampleOperation, readmeExamples } from './examples.ts';
import './explorer.css';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

/** The ids of the examples' operations as the gateway registers them (schema/operations/explorer.graphql). */
async function exampleIds(examples: readonly ExampleOperation[]): Promise<Set<string>> {
  const ids = await Promise.all(
    examples
      .filter((e) => !e.partner)
      .flatMap((e) => operationNames(e.query).map((name) => operationDocument(e.query, name)))
      .map((text) => (text ? documentIdOf(text) : null)),
  );
  return new Set(ids.filter((id): id is string => id !== null));
}

/**
 * GraphiQL over the hub's /graphql, bundled from npm so it works without internet (Apollo's
 * landing page loads its explorer from a CDN). The gateway serves it only in development.
 *
 * The headers editor decides; the development token stands in when it sends no Authorization,
 * since GraphiQL fetches the schema before the editor's headers are read.
 *
 * A tab whose operation is an unchanged README example (the same printed text, so comments and
 * layout may differ) is sent by `documentId`: the gateway registers the examples for every client,
 * so they run for a `registered-only` one too. Anything else (an edited example, introspection) is
 * sent as text, and so is an example the gateway does not know (PERSISTED_QUERY_NOT_FOUND).
 */
function createFetcher(token: string | null, registered: ReadonlySet<string>): Fetcher {
  return async (params, options) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    for (const [name, value] of Object.entries(options?.headers ?? {})) {
      if (typeof value === 'string' && value !== '') headers[name.toLowerCase()] = value;
    }
    const send = async (body: object) => (await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(body) })).json();
    const text = typeof params.query === 'string' ? operationDocument(params.query, params.operationName) : null;
    const documentId = text ? await documentIdOf(text) : null;
    if (documentId && registered.has(documentId)) {
      const { query: _, ...rest } = params;
      const answer = await send({ ...rest, documentId });
      const code = (answer as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
      if (code !== 'PERSISTED_QUERY_NOT_FOUND' && code !== 'BAD_REQUEST') return answer;
    }
    return send(params);
  };
}

/** A development token from the gateway's development-only route; null when it serves none. */
async function developmentToken(): Promise<string | null> {
  try {
    const res = await fetch('/dev/token?region=510000', { headers: { accept: 'application/json' } });
    if (!res.ok) return null;
    const body = (await res.json()) as { token?: string };
    return body.token ?? null;
  } catch {
    return null;
  }
}

async function main() {
  const token = await developmentToken();
  const headers = JSON.stringify(
    { Authorization: `Bearer ${token ?? '<paste a token: npm run -s token -- --region 510000 --scope "talent:read stats:read">'}`, 'X-Hub-Purpose': '' },
    null,
    2,
  );
  const examples = readmeExamples(readme);
  const root = document.getElementById('explorer')!;
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher: createFetcher(token, await exampleIds(examples)),
      defaultHeaders: headers,
      defaultTabs: examples.map((e) => ({ query: e.query, headers })),
      defaultEditorToolsVisibility: 'headers',
      // A token in the headers editor must not outlive the browser session in localStorage.
      shouldPersistHeaders: false,
    }),
  );
}

void main();

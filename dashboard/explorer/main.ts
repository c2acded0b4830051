import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { type ComponentProps, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import readme from '../../README.md?raw';
import { readmeExamples } from './examples.ts';
import './explorer.css';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

/**
 * GraphiQL over the hub's /graphql, bundled from npm so it works without internet (Apollo's
 * landing page loads its explorer from a CDN). The gateway serves it only in development.
 *
 * The headers editor decides; the development token stands in when it sends no Authorization,
 * since GraphiQL fetches the schema before the editor's headers are read.
 */
function createFetcher(token: string | null): Fetcher {
  return async (params, options) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    for (const [name, value] of Object.entries(options?.headers ?? {})) {
      if (typeof value === 'string' && value !== '') headers[name.toLowerCase()] = value;
    }
    const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
    return res.json();
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
      fetcher: createFetcher(token),
      defaultHeaders: headers,
      defaultTabs: examples.map((e) => ({ query: e.query, headers })),
      defaultEditorToolsVisibility: 'headers',
      // A token in the headers editor must not outlive the browser session in localStorage.
      shouldPersistHeaders: false,
    }),
  );
}

void main();

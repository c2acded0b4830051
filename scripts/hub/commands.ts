import type { AdminRequest } from './api.ts';
import { type ApiError, type Change, printChanges, printErrors, printTable } from './print.ts';
import { type CliIo, required, type SubgraphFlags } from './usage.ts';

/** One `subgraph` command: the admin API call it makes, and how its (successful) answer reads. */
interface SubgraphCommand {
  request(flags: SubgraphFlags): AdminRequest;
  /** `answer` is the admin API's JSON for this call (see gateway/registry/admin.ts). */
  print(io: CliIo, answer: unknown, flags: SubgraphFlags): void;
}

/** The parts of the admin API's answers the text output reads. */
interface PublishAnswer {
  name: string;
  url: string;
  created?: boolean;
  supergraphHash: string;
  changes?: Change[];
}

interface SubgraphAnswer {
  name: string;
  kind: string;
  ownerRegion: string;
  url: string;
  addedBy?: string | null;
  addedAt?: string | null;
  updatedAt?: string | null;
  sdl: string;
  served: boolean;
  health: { status: string; latencyMs?: number; error?: string };
}

interface ListAnswer {
  subgraphs: SubgraphAnswer[];
  supergraphHash: string;
  supergraph: { source: string; since: string; lastReload: { ok: boolean; trigger: string; errors?: ApiError[] } };
}

/** `subgraph publish --name --url`: check a partner subgraph and, if it passes, add or update it. */
const publish: SubgraphCommand = {
  request: (flags) => ({ method: 'POST', path: '/admin/subgraphs', body: { name: required(flags, 'name', 'publish'), url: required(flags, 'url', 'publish') } }),
  print(io, body) {
    const answer = body as PublishAnswer;
    io.out(`Published ${answer.name} (${answer.url})${answer.created ? ' as a new partner subgraph' : ', updating it'}.`);
    io.out(`The gateway now serves supergraph ${String(answer.supergraphHash).slice(0, 12)}.`);
    printChanges(io, answer.changes);
  },
};

/** `subgraph check --name --url`: the checks of a publish, changing nothing. */
const check: SubgraphCommand = {
  request: (flags) => ({ method: 'POST', path: '/admin/subgraphs/check', body: { name: required(flags, 'name', 'check'), url: required(flags, 'url', 'check') } }),
  print(io, body) {
    const answer = body as PublishAnswer;
    io.out(`${answer.name} (${answer.url}) passes every check: it composes, keeps to the policy and breaks nothing.`);
    printChanges(io, answer.changes);
  },
};

/** `subgraph list`: every subgraph with owner and health, and the served supergraph. */
const list: SubgraphCommand = {
  request: () => ({ method: 'GET', path: '/admin/subgraphs' }),
  print(io, body) {
    const answer = body as ListAnswer;
    const rows = answer.subgraphs.map((s) => [
      s.name,
      s.kind,
      s.ownerRegion,
      s.health.status + (s.served ? '' : ' (not served)'),
      s.health.latencyMs === undefined ? '-' : `${s.health.latencyMs} ms`,
      s.url,
    ]);
    printTable(io, ['NAME', 'KIND', 'OWNER', 'HEALTH', 'LATENCY', 'URL'], rows);
    const reload = answer.supergraph.lastReload;
    io.out(
      `\nSupergraph ${String(answer.supergraphHash).slice(0, 12)} (${answer.supergraph.source}, since ${answer.supergraph.since}); last reload ${reload.ok ? 'ok' : `FAILED (${reload.trigger}): still serving the last good supergraph`}.`,
    );
    if (!reload.ok) printErrors(io, reload.errors);
  },
};

/** `subgraph show --name [--sdl]`: one subgraph, or the SDL last accepted. */
const show: SubgraphCommand = {
  request: (flags) => ({ method: 'GET', path: `/admin/subgraphs/${encodeURIComponent(required(flags, 'name', 'show'))}` }),
  print(io, body, flags) {
    const answer = body as SubgraphAnswer;
    if (flags.sdl) {
      io.out(answer.sdl);
      return;
    }
    io.out(`${answer.name} (${answer.kind}, owner ${answer.ownerRegion})`);
    io.out(`  url:     ${answer.url}`);
    if (answer.addedBy) io.out(`  added:   ${answer.addedAt} by ${answer.addedBy}; updated ${answer.updatedAt}`);
    io.out(
      `  health:  ${answer.health.status}${answer.health.latencyMs !== undefined ? ` (${answer.health.latencyMs} ms)` : ''}${answer.health.error ? `: ${answer.health.error}` : ''}`,
    );
    io.out(`  served:  ${answer.served ? 'yes' : 'no (the last reload with it failed)'}`);
  },
};

/** `subgraph remove --name`: remove a partner subgraph. */
const remove: SubgraphCommand = {
  request: (flags) => ({ method: 'DELETE', path: `/admin/subgraphs/${encodeURIComponent(required(flags, 'name', 'remove'))}` }),
  print(io, body) {
    const answer = body as PublishAnswer;
    io.out(`Removed ${answer.name}. The gateway now serves supergraph ${String(answer.supergraphHash).slice(0, 12)}.`);
  },
};

/** The `subgraph` commands by name. */
export const SUBGRAPH_COMMANDS: Readonly<Record<string, SubgraphCommand>> = { publish, check, list, show, remove };

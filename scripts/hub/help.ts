/**
 * The hub CLI's help texts, one per command and subcommand, each ending with the exit codes so a
 * script author reads them where they look. Kept apart from the code so the whole interface can be
 * read in one place.
 */

/** Exit codes every command keeps to (scripts and CI rely on them). */
export const EXIT = { ok: 0, refused: 1, usage: 2, unreachable: 3 } as const;

export const EXIT_CODES = `Exit codes:
  0  done; for a check: the change would be accepted
  1  refused or failed: a check failed, composition failed, the gateway refused (the reasons are printed)
  2  usage error: an unknown command or option, a missing or malformed argument, an input file that
     cannot be read or is not what the option expects
  3  cannot reach the gateway (or a subgraph_url of the supergraph config)`;

export const HUB_USAGE = `Usage: hub <command> <subcommand> [options]

Run it as \`npx hub ...\` in a clone of the hub after \`npm install\` (or \`npm run -s hub -- ...\`).

Commands:
  subgraph publish|check|list|show|remove   partner subgraphs in the gateway's registry;
                                            \`subgraph check --schema <file>\` checks offline, for a partner's CI
  supergraph compose --config <file>        compose a supergraph from a supergraph.yaml (rover's format)
  supergraph check                          before deploying a core schema change: does every operation
                                            registered with a running gateway still run on it?
  operations publish|list|remove            trusted documents: the operations a client registers and runs by id
  data export|import <dir>                  back up and restore the hub's stores
  audit verify <export>                     verify the audit chains of an export, offline

\`hub <command> --help\` and \`hub <command> <subcommand> --help\` describe the options.
--json prints machine output (one JSON document on stdout) instead of text.

${EXIT_CODES}`;

const GATEWAY_OPTIONS = `  --gateway <url>   the gateway (default HUB_GATEWAY_URL or http://127.0.0.1:4000)
  --token <jwt>     a client token with the registry:admin scope (default HUB_TOKEN); get one with
                    npm run -s token -- --region <your region> --scope registry:admin
  --json            print the admin API's JSON answer instead of text`;

export const SUBGRAPH_USAGE = `Usage: hub subgraph <command> [options]

Commands:
  publish --name <name> --url <url>      check a partner subgraph and, if it passes, add or update it
  check   --name <name> --url <url>      run the same checks through the gateway, changing nothing
  check   --name <name> --schema <file>  run the same checks offline on an SDL file (no gateway, no
                                         running subgraph): for a partner's CI
  list                                   every subgraph with owner, health and the served supergraph
  show    --name <name> [--sdl]          one subgraph (with --sdl: the SDL last accepted)
  remove  --name <name>                  remove a partner subgraph

Options:
${GATEWAY_OPTIONS}

\`hub subgraph <command> --help\` for one command. Backup and restore: \`hub data --help\`; the
offline audit verifier: \`hub audit --help\`; composing a supergraph: \`hub supergraph --help\`.

${EXIT_CODES}`;

/** Help of each `subgraph` command. */
export const SUBGRAPH_COMMAND_USAGE: Readonly<Record<string, string>> = {
  publish: `Usage: hub subgraph publish --name <name> --url <url> [options]

Fetches the partner subgraph's SDL from <url> (\`_service { sdl }\`), checks it (address, policy,
composition, breaking changes) and, if it passes, adds or updates it: the gateway serves the new
supergraph at once. The graph is unchanged when a check fails.

Options:
  --name <name>     the partner's name and namespace: 3-30 lower-case letters and digits (e.g. hainan)
  --url <url>       the subgraph's /graphql endpoint, reachable from the gateway
${GATEWAY_OPTIONS}

${EXIT_CODES}`,
  check: `Usage: hub subgraph check --name <name> --url <url> [options]      (through the gateway)
       hub subgraph check --name <name> --schema <file> [options]   (offline)

The checks a publish runs, changing nothing: the SDL parses, keeps to the partner policy (its
namespace, no field another subgraph owns, @requires/@external only on key or allowed fields, ...),
composes with the rest of the graph, and breaks nothing in the API schema served now.

With --url the gateway fetches the SDL and checks it against what it serves (needs --token).
With --schema the checks run here, on the file: no gateway, no running subgraph, no token. The rest
of the graph is the core subgraphs' SDL of this checkout plus the partners of --registry; breaking
changes are measured against --supergraph. Not checked offline: that a gateway can reach the URL
and that your token's region owns the partner (publish checks both).

Options:
  --name <name>             the partner's name and namespace (e.g. hainan)
  --url <url>               with --schema: the routing URL written into the composed supergraph
                            (default http://127.0.0.1:4100/graphql); alone: the subgraph to check
  --schema <file>           the partner's SDL file (offline mode)
  --supergraph <file>       offline: the supergraph to measure breaking changes against (default:
                            this checkout's schema/supergraph.graphql, or with --registry the
                            supergraph a gateway composes from it)
  --registry <file>         offline: a registry file (the gateway's <HUB_DATA_DIR>/registry.json)
                            whose partners the candidate must compose and share the graph with
  --allowed-fields <list>   offline: core fields partners may reference besides key fields,
                            Type.field comma-separated (default HUB_PARTNER_ALLOWED_FIELDS)
  --operations <file>       offline: registered documents the change must keep valid: the gateway's
                            operations file (<HUB_DATA_DIR>/operations.json) or a .graphql file
${GATEWAY_OPTIONS}

With --json: { ok, name, changes, supergraphHash } when accepted, { ok: false, errors: [{ code,
message, compositionCode?, path? }] } when refused; codes POLICY_VIOLATION, COMPOSITION_FAILED,
BREAKING_CHANGE, CORE_SUBGRAPH, BAD_REQUEST (and through the gateway UNREACHABLE,
ADDRESS_NOT_ALLOWED).

${EXIT_CODES}`,
  list: `Usage: hub subgraph list [options]

Every subgraph of the registry (core and partner) with owner, health and latency, and the
supergraph the gateway serves with the outcome of its last reload.

Options:
${GATEWAY_OPTIONS}

${EXIT_CODES}`,
  show: `Usage: hub subgraph show --name <name> [--sdl] [options]

One subgraph: URL, owner, who added it and when, health, whether it is served; with --sdl only the
SDL last accepted.

Options:
  --name <name>     the subgraph
  --sdl             print the SDL only
${GATEWAY_OPTIONS}

${EXIT_CODES}`,
  remove: `Usage: hub subgraph remove --name <name> [options]

Removes a partner subgraph (core subgraphs cannot be removed) and serves the supergraph without it.

Options:
  --name <name>     the partner subgraph
${GATEWAY_OPTIONS}

${EXIT_CODES}`,
};

export const SUPERGRAPH_USAGE = `Usage: hub supergraph compose --config <supergraph.yaml> [--output <file>] [--json]
       hub supergraph check [--gateway <url>] [--token <jwt>] [--subgraphs <dir>] [--json]
       (\`hub supergraph check --help\` describes the check)

Composes a supergraph the way \`rover supergraph compose\` does, from a config in rover's format:

  federation_version: =2.14.4
  subgraphs:
    experts:
      routing_url: http://127.0.0.1:4001/graphql
      schema:
        file: ./schema/subgraphs/experts.graphql   # relative to the config file
    hainan:
      routing_url: http://127.0.0.1:4100/graphql
      schema:
        subgraph_url: http://127.0.0.1:4100/graphql  # asks the running subgraph: _service { sdl }

The hub's supergraph.yaml describes its core subgraphs; composing it gives schema/supergraph.graphql
(what \`npm run compose\` writes, without its first comment line). Prints the supergraph, or the
composition errors with their codes on stderr.

Options:
  --config <file>    the supergraph config (required)
  --output <file>    write the supergraph to <file> instead of stdout
  --json             print { ok, supergraphSdl, hints, subgraphs } or { ok: false, errors: [{ code, message }] }

${EXIT_CODES}`;

export const SUPERGRAPH_CHECK_USAGE = `Usage: hub supergraph check [--gateway <url>] [--token <jwt>] [--subgraphs <dir>] [--json]

Before deploying a change to the core subgraphs' schema: composes this checkout's core SDL
(subgraphs/<name>/*.graphql, or --subgraphs) with the partner subgraphs the running gateway serves,
and checks that every operation registered with it (GET /admin/operations: every client's) and the
hub's own operations (schema/operations/dashboard.graphql, explorer.graphql) still validate. A
change that breaks one is refused, naming the client, the operation and its id: keep what the
operation uses, or have it removed first (\`hub operations remove --client <sub> --id <id>\`).
\`npm run compose\` runs the same check against the gateway's stores (HUB_DATA_DIR or MONGODB_URI).

Options:
  --subgraphs <dir>  the core SDL to check: a directory holding experts/, projects/, coordination/
                     (default: this checkout's subgraphs/)
${GATEWAY_OPTIONS}

With --json: { ok, gateway, subgraphs, documents } when every operation still runs, { ok: false,
errors: [{ code, message, client?, name?, id?, compositionCode? }] } when refused; codes
BREAKING_CHANGE (an operation would no longer run), COMPOSITION_FAILED (the core does not compose,
or not with the partners: the gateway would keep serving its last good supergraph).

${EXIT_CODES}`;

import { EXIT_CODES } from './help.ts';

/** Help texts of `hub operations` (trusted documents; see gateway/operations). */

const OPTIONS = `  --gateway <url>   the gateway (default HUB_GATEWAY_URL or http://127.0.0.1:4000)
  --token <jwt>     a client token with operations:publish (your own documents) or registry:admin
                    (any client's) (default HUB_TOKEN); get one with
                    npm run -s token -- --region <your region> --sub <client> --scope operations:publish
  --json            print the admin API's JSON answer instead of text`;

export const OPERATIONS_USAGE = `Usage: hub operations <command> [options]

Trusted documents: the operations a client system registers, which it then runs by id
({"documentId": "sha256:..."}) and, under the registered-only policy, runs exclusively.

Commands:
  publish --client <sub> --file <ops.graphql>   register every operation of the file for the client
  list [--client <sub>]                         the registered documents (one client's, or all)
  remove --id <sha256:...> [--client <sub>]     remove one document

Options:
${OPTIONS}

${EXIT_CODES}`;

export const OPERATIONS_COMMAND_USAGE: Readonly<Record<string, string>> = {
  publish: `Usage: hub operations publish --client <sub> --file <ops.graphql> [options]

Splits the file into one document per named operation (with the fragments it uses), printed, and
registers them for the client (its token \`sub\`): each id is sha256:<hex of the printed text>.
Every document is validated against the supergraph the gateway serves; if one fails, none is
registered and each failure is printed with its operation's name. Registering a document again
changes nothing.

Options:
  --client <sub>    the client system that will run them (your own sub with operations:publish)
  --file <file>     a .graphql file of named operations and fragments
${OPTIONS}

${EXIT_CODES}`,
  list: `Usage: hub operations list [--client <sub>] [options]

The registered documents: client, operation name, id, when and by whom, whether the schema the
gateway serves now runs it (RUNS; why not, below the table) and, for a hub application document
no longer in the gateway's files, since when it is retired (RETIRED: it runs out its grace period).

Options:
  --client <sub>    one client's (default: every client's for registry:admin, your own otherwise)
${OPTIONS}

${EXIT_CODES}`,
  remove: `Usage: hub operations remove --id <sha256:...> [--client <sub>] [options]

Removes one registered document: the client can no longer run it by id (nor, under registered-only,
by its text). A partner change that would break a document is refused until it is removed.

Options:
  --id <id>         the document's id (sha256:...), as \`hub operations list\` prints it
  --client <sub>    whose document (default: your own; an administrator may leave it out when only
                    one client registered the id)
${OPTIONS}

${EXIT_CODES}`,
};

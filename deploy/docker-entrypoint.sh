#!/bin/sh
# The entry of the hub's image: one image, any service, chosen by command. Each command runs one
# process (exec: it gets the container's signals, so SIGTERM finishes requests in flight and stops).
# Paths are relative to the working directory: /app in the image (its WORKDIR), where dist/ is.
set -eu

usage() {
  cat <<'USAGE'
Usage: hub <command> [args]
  gateway                     the federated gateway (HUB_GATEWAY_PORT, default 4000; /metrics on HUB_METRICS_PORT, 9464)
  subgraph experts            an experts node: HUB_EXPERTS_NODE names it in HUB_EXPERTS_NODES, HUB_EXPERTS_PORT is its port
  subgraph projects           the projects subgraph (HUB_PROJECTS_PORT, default 4002)
  subgraph coordination       the coordination subgraph (HUB_COORDINATION_PORT, default 4003)
  partner <name>              a partner subgraph built on the platform (partners/<name>, e.g. hainan)
  seed [--reset]              load the generated seed data into every store (MongoDB when MONGODB_URI is set)
  help                        this text
Anything else is run as a command (e.g. `hub node -e ...`).
USAGE
}

command="${1:-help}"
case "$command" in
  gateway)
    shift
    # The gateway's node flags (gateway/heap.ts, GATEWAY_NODE_ARGS): V8 reads them only at start.
    exec node --max-semi-space-size=32 dist/gateway/index.js "$@"
    ;;
  subgraph)
    name="${2:-}"
    case "$name" in
      experts | projects | coordination)
        shift 2
        exec node "dist/subgraphs/$name/index.js" "$@"
        ;;
      *)
        echo "hub subgraph: name one of experts, projects, coordination (got '$name')" >&2
        exit 2
        ;;
    esac
    ;;
  partner)
    name="${2:-}"
    if [ -z "$name" ] || [ ! -f "dist/partners/$name/index.js" ]; then
      echo "hub partner: no partner '$name' in this image (dist/partners/<name>/index.js)" >&2
      exit 2
    fi
    shift 2
    exec node "dist/partners/$name/index.js" "$@"
    ;;
  seed)
    shift
    exec node dist/data/seed.js "$@"
    ;;
  help | --help | -h)
    usage
    ;;
  *)
    exec "$@"
    ;;
esac

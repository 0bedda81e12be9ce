#!/usr/bin/env bash
# Tries DataTricks as a small cluster on one machine: a throwaway PostgreSQL, three portal nodes sharing it, the
# simulated cloud as a service of its own that every node calls (as nodes on separate machines would), and nginx in
# front on http://127.0.0.1:8080. Ctrl-C stops everything and removes the data.
# Needs Debian's postgresql and nginx (apt-get install postgresql nginx).
# Usage: deploy/run-three-nodes.sh [--no-build]   (--no-build runs the Release build already there, or the build
# DATATRICKS_CONFIGURATION names, as the tests do)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/datatricks-cluster.XXXXXX)
chmod 755 "$work"  # the postgres user keeps its cluster below it
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  scripts/postgres.sh stop "$work/postgres"
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

postgres=$(scripts/postgres.sh start "$work/postgres" 55440)
configuration=${DATATRICKS_CONFIGURATION:-Release}
[ "${1:-}" = "--no-build" ] || dotnet build DataTricks.Portal -c "$configuration" -v q
# The cloud keeps its own store; the nodes know only its address.
(cd DataTricks.Portal && exec env \
  SimulatedCloud__ConnectionString="Data Source=$work/simcloud.db" \
  SimulatedCloud__StepDelay=00:00:05 \
  dotnet "bin/$configuration/net10.0/DataTricks.Portal.dll" --simulated-cloud --urls "http://127.0.0.1:5190") >"$work/cloud.log" 2>&1 &
pids+=($!)
until curl -fs "http://127.0.0.1:5190/healthz" >/dev/null; do sleep 1; done
echo "simulated cloud: http://127.0.0.1:5190 (log $work/cloud.log)"
for node in 1 2 3; do
  # Each node runs in the project's folder, its content root, so that it reads appsettings.json (log levels, hosts).
  (cd DataTricks.Portal && exec env \
    ASPNETCORE_ENVIRONMENT=Development \
    Database__Provider=PostgreSql \
    ConnectionStrings__DataTricks="$postgres;Database=datatricks" \
    SimulatedCloud__Url=http://127.0.0.1:5190 \
    dotnet "bin/$configuration/net10.0/DataTricks.Portal.dll" --urls "http://127.0.0.1:510$node") >"$work/node$node.log" 2>&1 &
  pids+=($!)
  # The first node migrates and seeds the database; the others start once it answers.
  until curl -fs "http://127.0.0.1:510$node/healthz" >/dev/null; do sleep 1; done
  echo "node $node: http://127.0.0.1:510$node (log $work/node$node.log)"
done
mkdir -p "$work/nginx/tmp"
cp deploy/nginx.conf "$work/nginx/nginx.conf"
nginx -p "$work/nginx" -c nginx.conf -e stderr
echo "nginx: http://127.0.0.1:8080 (sign in as admin@acme.test / Demo-Passw0rd!). Ctrl-C to stop."
wait "${pids[0]}"

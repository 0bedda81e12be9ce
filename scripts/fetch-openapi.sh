#!/usr/bin/env bash
# Writes the OpenAPI document the built portal serves to the file $1: starts the portal on a free loopback port with a
# throwaway database and no worker, fetches /openapi/v1.json, stops it. The caller's environment (Api__PublicBaseUrl,
# say) reaches the portal. It runs as in Production; its keys sign nothing that outlives it, so they may stay unencrypted.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
work=$(mktemp -d /tmp/datatricks-openapi.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
portal=DataTricks.Portal/bin/${CONFIGURATION:-Debug}/net10.0/DataTricks.Portal.dll
[ -f "$portal" ] || dotnet build DataTricks.Portal -v q >/dev/null
ConnectionStrings__DataTricks="Data Source=$work/openapi.db" Provisioning__WorkerEnabled=false DataProtection__AllowUnprotectedKeys=true \
  dotnet "$portal" --urls "http://127.0.0.1:$port" >"$work/portal.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/openapi/v1.json" -o "$out" || { cat "$work/portal.log" >&2; echo "The portal served no OpenAPI document." >&2; exit 1; }

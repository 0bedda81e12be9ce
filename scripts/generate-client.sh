#!/usr/bin/env bash
# Regenerates the C# client in clients/DataTricks.Client with Kiota (the dotnet tool in dotnet-tools.json) from the
# OpenAPI document the built portal serves with its default configuration, and keeps that document beside it as
# openapi.json: the test ClientDriftTests fails when the served document no longer matches it.
set -euo pipefail
cd "$(dirname "$0")/.."
client=clients/DataTricks.Client
work=$(mktemp -d /tmp/datatricks-client.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dotnet build DataTricks.Portal -v q >/dev/null
ConnectionStrings__DataTricks="Data Source=$work/client.db" Provisioning__WorkerEnabled=false \
  dotnet DataTricks.Portal/bin/Debug/net10.0/DataTricks.Portal.dll --urls "http://127.0.0.1:$port" >"$work/portal.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/openapi/v1.json" -o "$client/openapi.json"
dotnet tool restore >/dev/null
rm -rf "$client/Generated"
dotnet kiota generate --language CSharp --openapi "$client/openapi.json" --output "$client/Generated" \
  --class-name DataTricksApiClient --namespace-name DataTricks.Client --exclude-backward-compatible --clean-output --log-level Warning
echo "Regenerated $client from the served document."

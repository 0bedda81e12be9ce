#!/usr/bin/env bash
# Regenerates the C# client in clients/DataTricks.Client with Kiota (the dotnet tool in dotnet-tools.json) from the
# OpenAPI document the built portal serves with its default configuration, and keeps that document beside it as
# openapi.json: the test ClientDriftTests fails when the served document no longer matches it. Then the TypeScript
# client's types (clients/typescript/src/schema.d.ts) from the same document, with openapi-typescript.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/use-pinned-node.sh
client=clients/DataTricks.Client
dotnet build DataTricks.Portal -v q >/dev/null
scripts/fetch-openapi.sh "$client/openapi.json"
dotnet tool restore >/dev/null
dotnet kiota generate --language CSharp --openapi "$client/openapi.json" --output "$client/Generated" \
  --class-name DataTricksApiClient --namespace-name DataTricks.Client --exclude-backward-compatible --clean-output --log-level Warning
[ -d clients/typescript/node_modules ] || (cd clients/typescript && npm ci --no-audit --no-fund --loglevel=error)
(cd clients/typescript && npm run --silent generate >/dev/null)
echo "Regenerated $client and clients/typescript from the served document."

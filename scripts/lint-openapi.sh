#!/usr/bin/env bash
# Lints the OpenAPI document the built portal serves, with Spectral (spectral:oas) and Redocly (recommended, every
# warning an error), at the versions pinned in tools/openapi-lint. Any warning fails. Rules switched off are switched
# off, with the reason, in tools/openapi-lint/.spectral.yaml and redocly.yaml.
set -euo pipefail
cd "$(dirname "$0")/.."
lint_dir=tools/openapi-lint
work=$(mktemp -d /tmp/datatricks-openapi.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
portal=DataTricks.Portal/bin/${CONFIGURATION:-Debug}/net10.0/DataTricks.Portal.dll
[ -f "$portal" ] || dotnet build DataTricks.Portal -v q >/dev/null

# The server is what a deployment configures (Api:PublicBaseUrl), never the request's Host.
Api__PublicBaseUrl=https://admin.datatricks.io Database__MigrateOnStartup=true ConnectionStrings__DataTricks="Data Source=$work/lint.db" Provisioning__WorkerEnabled=false \
  dotnet "$portal" --urls "http://127.0.0.1:$port" >"$work/portal.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/openapi/v1.json" -o "$work/openapi.json" || { cat "$work/portal.log" >&2; echo "The portal served no OpenAPI document." >&2; exit 1; }

[ -d "$lint_dir/node_modules" ] || (cd "$lint_dir" && npm ci --no-audit --no-fund --loglevel=error)
echo "Spectral (spectral:oas):"
"$lint_dir/node_modules/.bin/spectral" lint --ruleset "$lint_dir/.spectral.yaml" --fail-severity=warn "$work/openapi.json"
echo "Redocly (recommended-strict):"
"$lint_dir/node_modules/.bin/redocly" lint --config "$lint_dir/redocly.yaml" "$work/openapi.json"

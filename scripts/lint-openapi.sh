#!/usr/bin/env bash
# Lints the OpenAPI document the built portal serves, with Spectral (spectral:oas) and Redocly (recommended, every
# warning an error), at the versions pinned in tools/openapi-lint. Any warning fails. Rules switched off are switched
# off, with the reason, in tools/openapi-lint/.spectral.yaml and redocly.yaml.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/use-pinned-node.sh
lint_dir=tools/openapi-lint
document=$(mktemp /tmp/datatricks-openapi.XXXXXX.json)
trap 'rm -f "$document"' EXIT
# The server is what a deployment configures (Api:PublicBaseUrl), never the request's Host.
Api__PublicBaseUrl=https://admin.datatricks.io scripts/fetch-openapi.sh "$document"

[ -d "$lint_dir/node_modules" ] || (cd "$lint_dir" && npm ci --no-audit --no-fund --loglevel=error)
echo "Spectral (spectral:oas):"
"$lint_dir/node_modules/.bin/spectral" lint --ruleset "$lint_dir/.spectral.yaml" --fail-severity=warn "$document"
echo "Redocly (recommended-strict):"
"$lint_dir/node_modules/.bin/redocly" lint --config "$lint_dir/redocly.yaml" "$document"

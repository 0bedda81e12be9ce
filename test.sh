#!/usr/bin/env bash
# Runs every test of the solution, installing what the tests need first (Debian's chromium for the browser tests,
# postgresql for the PostgreSQL run, nginx for the load-balanced test), and ends with one line "N passed, N failed" summed over all test runs:
# every project on SQLite, then the unit, database and HTTP tests and the multi-node tests again on a throwaway
# PostgreSQL server; the bench runs a few-second smoke of every part; then the served OpenAPI document is linted
# (npm packages pinned in tools/openapi-lint).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the tests..."
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

postgres_dir=$(mktemp -d /tmp/datatricks-pg.XXXXXX)
trap 'scripts/postgres.sh stop "$postgres_dir"' EXIT
if ! postgres=$(scripts/postgres.sh start "$postgres_dir" 55432); then
  echo "Could not start PostgreSQL (see above): the PostgreSQL run cannot happen, so the test command fails." >&2
  exit 1
fi

# The browser tests inject axe-core from here; the lint uses tools/openapi-lint (installed by its script).
[ -d tools/axe/node_modules ] || (cd tools/axe && npm ci --no-audit --no-fund --loglevel=error)
# The tests sign in through a real OpenID provider run from here.
[ -d tools/oidc-provider/node_modules ] || (cd tools/oidc-provider && npm ci --no-audit --no-fund --loglevel=error)
# The tests verify every webhook they receive with the reference implementation of Standard Webhooks, from here.
[ -d tools/standard-webhooks/node_modules ] || (cd tools/standard-webhooks && npm ci --no-audit --no-fund --loglevel=error)
# The TypeScript client's journey compiles with the TypeScript pinned there and calls the API with openapi-fetch.
[ -d clients/typescript/node_modules ] || (cd clients/typescript && npm ci --no-audit --no-fund --loglevel=error)

rm -rf TestResults
status=0
# dotnet test builds test projects only: the bench is built here so that it cannot stop compiling unseen.
dotnet build bench/ProvisioningBench -nologo -v:q || status=$?
# One test project at a time: the browser and crash tests measure progress in real time, and a second project
# competing for two cores makes them slower than their generous limits anticipate.
dotnet test DataTricks.sln -m:1 --logger trx --results-directory TestResults "$@" || status=$?
echo "The bench, every part for a few seconds (numbers printed, not judged):"
dotnet run --no-build --project bench/ProvisioningBench -- --smoke || { status=$?; echo "The bench smoke failed." >&2; }
echo "The unit, database and HTTP tests again, and the multi-node tests, on PostgreSQL:"
export DATATRICKS_TEST_POSTGRES="$postgres"
DATATRICKS_TEST_DATABASE=PostgreSql dotnet test DataTricks.Portal.Tests --no-build \
  --logger "trx;LogFilePrefix=postgresql" --results-directory TestResults "$@" || status=$?
DATATRICKS_TEST_DATABASE=PostgreSql dotnet test DataTricks.E2E --no-build --filter "FullyQualifiedName~MultiNode|FullyQualifiedName~Resilience" \
  --logger "trx;LogFilePrefix=postgresql-nodes" --results-directory TestResults "$@" || status=$?

echo "The served OpenAPI document, linted (Spectral and Redocly, no warning allowed):"
scripts/lint-openapi.sh || { status=$?; echo "The OpenAPI lint failed." >&2; }

passed=0
failed=0
shopt -s nullglob
for trx in TestResults/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
echo "$passed passed, $failed failed"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"

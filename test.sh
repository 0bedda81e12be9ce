#!/usr/bin/env bash
# Runs every test of the solution and ends with one line "N passed, N failed" summed over all test runs.
#
#   ./test.sh                 every stage
#   ./test.sh unit browser    only the stages named
#
# Stages: unit (unit, component, database and HTTP tests on SQLite), browser (the Playwright browser tests, the
# multi-node and crash tests and the reference cluster script, on SQLite), postgres (the unit stage again on
# PostgreSQL), nodes (the multi-node and crash tests again on PostgreSQL), bench (a few-second smoke of every part of
# the bench: its numbers are printed, never judged) and lint (the served OpenAPI document, Spectral and Redocly).
#
# It installs what the chosen stages need and the machine lacks: Debian's chromium-headless-shell, postgresql, nginx and npm (with
# sudo unless run as root), the Node.js pinned in tools/node, and the pinned npm packages of tools/ and
# clients/typescript. It builds once, then runs the stages one after another, each stage's output in
# TestResults/logs/<stage>.log (shown when it fails).
# Everything runs with a temporary folder of its own, which must be empty at the end: a test that leaves a file
# behind fails the run.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Node 22 caches compiled modules in the temporary folder, which the tests must leave empty.
export NODE_DISABLE_COMPILE_CACHE=1

all_stages=(unit browser postgres nodes bench lint)
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=("${all_stages[@]}")
for stage in "${stages[@]}"; do
  [[ " ${all_stages[*]} " == *" $stage "* ]] || { echo "Unknown stage '$stage'; the stages are: ${all_stages[*]}." >&2; exit 2; }
done
wants() { local stage; for stage in "$@"; do [[ " ${stages[*]} " == *" $stage "* ]] && return 0; done; return 1; }

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
missing=()
if wants browser nodes bench; then [ -x /usr/bin/chromium-headless-shell ] || missing+=(chromium-headless-shell); fi
if wants postgres nodes browser bench; then ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql); fi
if wants browser nodes; then command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx); fi
# Only to install the pinned Node.js the first time: any npm will do.
[ -d tools/node/node_modules ] || command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian's ${missing[*]} for the tests..."
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

source scripts/use-pinned-node.sh
echo "Node.js $(node --version) and npm $(npm --version) from tools/node."
node_tools=(tools/axe tools/oidc-provider tools/standard-webhooks tools/openapi-lint clients/typescript)
installs=()
for folder in "${node_tools[@]}"; do
  [ -d "$folder/node_modules" ] && continue
  (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error) &
  installs+=($!)
done
for install in "${installs[@]}"; do wait "$install"; done

rm -rf TestResults
mkdir -p TestResults/logs
# The tests' own temporary folder: it must be empty when they end.
test_tmp=$(mktemp -d /tmp/datatricks-tests.XXXXXX)
postgres_dir=$(mktemp -d /tmp/datatricks-pg.XXXXXX)
cleanup() {
  scripts/postgres.sh stop "$postgres_dir"
  rm -rf "$test_tmp"
}
trap cleanup EXIT
if wants postgres nodes; then
  if ! postgres=$(scripts/postgres.sh start "$postgres_dir" 55432); then
    echo "Could not start PostgreSQL (see above): the PostgreSQL stages cannot run, so the test command fails." >&2
    exit 1
  fi
  export DATATRICKS_TEST_POSTGRES="$postgres"
fi

echo "Building the solution (tests, bench and clients)..."
build_started=$SECONDS
dotnet build DataTricks.sln -nologo -v:q -clp:ErrorsOnly
echo "Built in $((SECONDS - build_started)) s."

# A browser or multi-node test still running after this long is taken as hung: the run stops and names it in the
# stage's log (the longest takes about a minute). Not for the unit stages: watching their 1,364 tests cost 10 % more CPU.
hang=(--blame-hang-timeout 10m --blame-hang-dump-type none)

# One stage: its output to its log, a line when it ends, and the log when it fails.
run_stage() {
  local stage=$1 started=$SECONDS
  shift
  if TMPDIR="$test_tmp" "$@" >"TestResults/logs/$stage.log" 2>&1; then
    echo "  $stage: passed in $((SECONDS - started)) s"
  else
    echo "  $stage: FAILED in $((SECONDS - started)) s. Its output (TestResults/logs/$stage.log):"
    sed 's/^/    /' "TestResults/logs/$stage.log"
    return 1
  fi
}

stage_unit() {
  dotnet test DataTricks.Portal.Tests --no-build --logger "trx;LogFilePrefix=unit" --results-directory TestResults
}
stage_postgres() {
  DATATRICKS_TEST_DATABASE=PostgreSql dotnet test DataTricks.Portal.Tests --no-build \
    --logger "trx;LogFilePrefix=postgresql" --results-directory TestResults
}
stage_lint() {
  scripts/lint-openapi.sh
}
stage_browser() {
  dotnet test DataTricks.E2E --no-build "${hang[@]}" --logger "trx;LogFilePrefix=browser" --results-directory TestResults
}
stage_nodes() {
  DATATRICKS_TEST_DATABASE=PostgreSql dotnet test DataTricks.E2E --no-build "${hang[@]}" --filter "FullyQualifiedName~MultiNode|FullyQualifiedName~Resilience" \
    --logger "trx;LogFilePrefix=postgresql-nodes" --results-directory TestResults
}
stage_bench() {
  dotnet run --no-build --project bench/ProvisioningBench -- --smoke
}

# One stage after another: run side by side in two lanes, they took 15 minutes instead of 13 on two cores (the
# browser and multi-node tests wait on processes and real time, and slowed by half under the database stages' load).
echo "Running: ${stages[*]}"
status=0
for stage in unit postgres browser nodes bench lint; do
  wants "$stage" || continue
  run_stage "$stage" "stage_$stage" || status=1
done

left=$(find "$test_tmp" -type f 2>/dev/null | head -n 20)
if [ -n "$left" ]; then
  echo "The tests left files in their temporary folder:" >&2
  echo "$left" | sed "s|$test_tmp/|  |" >&2
  status=1
fi

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
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ] && wants unit browser postgres nodes; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"

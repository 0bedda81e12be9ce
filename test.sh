#!/usr/bin/env bash
# Runs every test of the solution, installing what the browser tests need first,
# and ends with one line "N passed, N failed" summed over all test projects.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the Playwright tests..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

rm -rf TestResults
status=0
# One test project at a time: the browser and crash tests measure progress in real time, and a second project
# competing for two cores makes them slower than their generous limits anticipate.
dotnet test DataTricks.sln -m:1 --logger trx --results-directory TestResults "$@" || status=$?

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

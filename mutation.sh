#!/usr/bin/env bash
# Mutation testing of DataTricks.Domain with Stryker.NET (the version pinned in dotnet-tools.json), configured by
# stryker-config.json: which files are mutated, and why the others are not. It prints the mutation score and leaves
# an HTML report in DataTricks.Domain/StrykerOutput/<run>/reports/.
#
#   ./mutation.sh                  every file the config mutates
#   ./mutation.sh --since main     only what changed since main (for a change under review)
#   ./mutation.sh --mutate '**/ComputeEnvironmentLifecycle.cs'   one file
#
# Not part of ./test.sh: it runs the covering tests once per mutant, which takes long on two cores.
set -euo pipefail
cd "$(dirname "$0")"
dotnet tool restore >/dev/null

# Stryker's per-test coverage works through Microsoft Testing Platform, which xunit v3 test projects support when
# built with this property. Set here, for Stryker's builds only: ./test.sh keeps running the tests through VSTest.
export UseMicrosoftTestingPlatformRunner=true
# Leaves tests of scale (not of rules) out of the runs: see MutationRun in the tests.
export DATATRICKS_MUTATION_RUN=1

cd DataTricks.Domain
dotnet dotnet-stryker --config-file ../stryker-config.json "$@"

#!/usr/bin/env bash
# Runs the whole test suite: unit tests, then integration and compatibility tests (root, real kernel).
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh || exit 1
scripts/build.sh || exit 1
export BERTH_BIN_DIR="$PWD/artifacts/bin"
export BERTH_IMAGES_DIR="${BERTH_IMAGES_DIR:-$(cd .. && pwd)/shared/images}"
results=artifacts/test-results
rm -rf "$results"; mkdir -p "$results"
status=0
for project in tests/Berth.UnitTests tests/Berth.IntegrationTests tests/Berth.CompatibilityTests; do
  name=$(basename "$project")
  echo "== $name"
  # A hung test is reported and killed rather than holding CI to its limit.
  timeout --kill-after=30s 30m dotnet test "$project" -c Release -nologo \
    --blame-hang-timeout 5m --blame-hang-dump-type none \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done
# One plain closing line for the whole suite, summed over the projects' TRX reports.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${f:-0}))
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters"); skipped=$((skipped + ${n:-0}))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status

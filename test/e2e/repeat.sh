#!/usr/bin/env bash
# Runs the e2e suite (npm run test:e2e) N times in a row (default 10), stopping at the first failure.
# Prints each run's result and wall time; every run's output is kept in $PB_E2E_REPEAT_LOGS (default test-results/e2e-repeat/).
# Usage: test/e2e/repeat.sh [N] [-- extra arguments for node --test]
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
shift $(( $# > 0 ? 1 : 0 ))
logs=${PB_E2E_REPEAT_LOGS:-test-results/e2e-repeat}
mkdir -p "$logs"
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  npm run test:e2e "$@" >"$logs/run-$i.log" 2>&1
  code=$?
  took=$(( $(date +%s) - start ))
  summary=$(grep -E '^ℹ (pass|fail) ' "$logs/run-$i.log" | tail -2 | tr '\n' ' ')
  if [ "$code" -eq 0 ]; then
    echo "run $i/$runs: pass in ${took}s ($summary) at $(date -u +%H:%M:%S)"
  else
    echo "run $i/$runs: FAIL (exit $code) in ${took}s ($summary); log: $logs/run-$i.log"
    grep -E '^✖ ' "$logs/run-$i.log" | sort -u | sed 's/^/  /'
    exit 1
  fi
done
echo "all $runs runs passed"

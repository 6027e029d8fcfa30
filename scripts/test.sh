#!/usr/bin/env bash
# Quick start, second command: set up and run every test. With --quick, the inner loop while
# changing code: lint, build, and the unit and integration tests (swift test), without the
# conformance run, the benchmark, the sanitizers or fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
case "$*" in
  "") ;;
  --quick) quick=true ;;
  *) echo "usage: scripts/test.sh [--quick]" >&2; exit 2 ;;
esac
# Each part says how long it took, so every run's log has the figures docs/architecture.md gives.
timed() {
    local started=$SECONDS
    "$@"
    echo "test.sh: $* took $((SECONDS - started)) s" >&2
}
timed scripts/setup.sh
# One PostgreSQL server on loopback for every part that tests the shared sandbox.
postgres_dir=$(mktemp -d -u "${TMPDIR:-/tmp}/plaidlua-postgres.XXXXXX")
trap 'scripts/postgres.sh stop "$postgres_dir"' EXIT
PLAIDLUA_TEST_DATABASE=$(timed scripts/postgres.sh start "$postgres_dir")
export PLAIDLUA_TEST_DATABASE
timed scripts/lint-lua.sh
timed swift build --build-tests
timed scripts/swift-test.sh --postgres-pass --skip-build
if $quick; then exit 0; fi
timed scripts/conformance.sh
timed scripts/bench/run.sh --smoke >/dev/null
timed scripts/sanitizers.sh address
timed scripts/sanitizers.sh thread
timed scripts/fuzz.sh --seconds 10

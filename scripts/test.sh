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
scripts/setup.sh
scripts/lint-lua.sh
swift build --build-tests
swift test --skip-build
if $quick; then exit 0; fi
scripts/conformance.sh
scripts/bench/run.sh --smoke >/dev/null
scripts/sanitizers.sh address thread
scripts/fuzz.sh --seconds 10

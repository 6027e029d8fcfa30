#!/usr/bin/env bash
# Quick start, second command: set up and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
swift test --skip-build
scripts/conformance.sh
scripts/bench/run.sh --smoke >/dev/null
scripts/sanitizers.sh address thread
scripts/fuzz.sh --seconds 10

#!/usr/bin/env bash
# Quick start, first command: set up, build, and run the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --product plaidlua
.build/debug/plaidlua scripts/quickstart.lua --format table "$@"

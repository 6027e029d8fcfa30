#!/usr/bin/env bash
# Lints PlaidLua's Lua with luacheck (settings in .luacheckrc): the modules' Lua resources, the
# shipped scripts and the Lua specs. Exits non-zero on any warning.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v luacheck >/dev/null 2>&1; then
    echo "lint-lua: luacheck is missing; scripts/setup.sh installs it (Debian package lua-check)" >&2
    exit 1
fi
luacheck --no-color --codes --quiet Sources/*/Lua scripts Tests/Lua

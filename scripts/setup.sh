#!/usr/bin/env bash
# Installs what building PlaidLua needs when it is missing: Lua 5.4's headers and pkg-config.
set -euo pipefail
if pkg-config --exists lua5.4 2>/dev/null; then exit 0; fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update
$sudo apt-get install -y liblua5.4-dev pkgconf

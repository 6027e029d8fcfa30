#!/usr/bin/env bash
# Installs what building and testing PlaidLua need when it is missing: Lua 5.4's headers and
# pkg-config to build, tmux for the REPL's terminal tests, luacheck to lint the Lua, zsh and fish
# to check the completion scripts.
set -euo pipefail
missing=()
pkg-config --exists lua5.4 2>/dev/null || missing+=(liblua5.4-dev pkgconf)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v luacheck >/dev/null 2>&1 || missing+=(lua-check)
command -v zsh >/dev/null 2>&1 || missing+=(zsh)
command -v fish >/dev/null 2>&1 || missing+=(fish)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update
$sudo apt-get install -y "${missing[@]}"

#!/usr/bin/env bash
# Builds plaidlua for release (the Swift runtime linked in, symbols stripped) and installs it:
#   PREFIX/bin/plaidlua                       a link to the binary
#   PREFIX/lib/plaidlua/                      the binary and the Lua files it needs beside it
#   PREFIX/share/plaidlua/scripts/            the shipped workflows
#   PREFIX/share/plaidlua/types/              lua-language-server definitions of the plaid module
#   PREFIX/share/{bash-completion,zsh,fish}/  shell completion
#
#   scripts/install.sh [--prefix DIR]         DIR defaults to ~/.local
#   scripts/install.sh --prefix DIR --build-dir BUILD   install an existing build (package.sh, tests)
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="$HOME/.local"
build=""
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="${2:?--prefix needs a directory}"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        --build-dir) build="${2:?--build-dir needs a directory}"; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option '$1' (see 'scripts/install.sh --help')" >&2; exit 2 ;;
    esac
done

if [ -z "$build" ]; then
    # Only what building needs: Lua 5.4's headers and pkg-config.
    if ! pkg-config --exists lua5.4 2>/dev/null; then
        sudo=""
        if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
        $sudo apt-get update
        $sudo apt-get install -y liblua5.4-dev pkgconf
    fi
    swift build -c release --static-swift-stdlib --product plaidlua --scratch-path .build-release
    build=$(swift build -c release --static-swift-stdlib --scratch-path .build-release --show-bin-path)
fi
[ -x "$build/plaidlua" ] || { echo "install.sh: no plaidlua in $build" >&2; exit 1; }

mkdir -p "$prefix/bin" "$prefix/lib/plaidlua" "$prefix/share/plaidlua/scripts"
prefix=$(cd "$prefix" && pwd)
home="$prefix/lib/plaidlua"
install -m 0755 "$build/plaidlua" "$home/plaidlua.new"
strip "$home/plaidlua.new" 2>/dev/null || true
mv -f "$home/plaidlua.new" "$home/plaidlua"
for bundle in "$build"/PlaidLua_*.resources; do
    rm -rf "$home/$(basename "$bundle")"
    cp -R "$bundle" "$home/"
done
ln -sfn ../lib/plaidlua/plaidlua "$prefix/bin/plaidlua"

# The workflows and the modules they share; not the project's own tooling.
scripts="$prefix/share/plaidlua/scripts"
rm -rf "$scripts"
mkdir -p "$scripts"
cp scripts/*.lua "$scripts/"
cp -R scripts/lib "$scripts/lib"

mkdir -p "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
"$home/plaidlua" completion bash > "$prefix/share/bash-completion/completions/plaidlua"
"$home/plaidlua" completion zsh > "$prefix/share/zsh/site-functions/_plaidlua"
"$home/plaidlua" completion fish > "$prefix/share/fish/vendor_completions.d/plaidlua.fish"

"$home/plaidlua" types --output "$prefix/share/plaidlua/types" >/dev/null

echo "installed $("$prefix/bin/plaidlua" -v) in $prefix"
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "add $prefix/bin to PATH, e.g. echo 'export PATH=\"$prefix/bin:\$PATH\"' >> ~/.bashrc" ;;
esac

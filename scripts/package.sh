#!/usr/bin/env bash
# Builds the install layout of scripts/install.sh into dist/: a tarball to unpack into any
# prefix, and a .deb that installs into /usr.
#   scripts/package.sh [--build-dir BUILD] [--output DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build_args=()
output=dist
while [ $# -gt 0 ]; do
    case "$1" in
        --build-dir) build_args=(--build-dir "${2:?--build-dir needs a directory}"); shift 2 ;;
        --output) output="${2:?--output needs a directory}"; shift 2 ;;
        -h|--help) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "package.sh: unknown option '$1' (see 'scripts/package.sh --help')" >&2; exit 2 ;;
    esac
done
mkdir -p "$output"
output=$(cd "$output" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

scripts/install.sh --prefix "$stage/usr" "${build_args[@]}" >/dev/null
version=$("$stage/usr/bin/plaidlua" --version | sed -n 's/^PlaidLua \([^,]*\),.*/\1/p')
arch=$(dpkg --print-architecture 2>/dev/null || uname -m)

tar -C "$stage/usr" -czf "$output/plaidlua-$version-linux-$arch.tar.gz" .
echo "$output/plaidlua-$version-linux-$arch.tar.gz"

if command -v dpkg-deb >/dev/null 2>&1; then
    mkdir -p "$stage/DEBIAN"
    cat > "$stage/DEBIAN/control" <<CONTROL
Package: plaidlua
Version: $version
Architecture: $arch
Maintainer: PlaidLua <plaidlua@localhost>
Depends: liblua5.4-0, libsqlite3-0, libstdc++6, zlib1g
Section: utils
Priority: optional
Description: Plaid processor workflows as Lua scripts
 A Lua 5.4 interpreter with a Plaid API client, an offline sandbox, a batch runner and a REPL.
CONTROL
    dpkg-deb --root-owner-group --build "$stage" "$output/plaidlua_${version}_$arch.deb" >/dev/null
    echo "$output/plaidlua_${version}_$arch.deb"
fi

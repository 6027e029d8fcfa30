#!/usr/bin/env bash
# PlaidLua's benchmark suite: each comparison side by side in one run (see docs/performance.md).
#   scripts/bench/run.sh            install.sh's release build, full sizes; rewrites docs/performance.md's
#                                   results (--only PART,... runs some parts and writes nothing)
#   scripts/bench/run.sh --smoke    the debug build already made, tiny sizes, nothing written: proves
#                                   the suite still runs (the test command does this)
# Installs what it needs when missing: wrk, nginx, hyperfine, lua5.4 with lua-cjson, GNU time
# (apt-get), and plaid-python in a virtualenv. Part 7 uses the PostgreSQL server
# PLAIDLUA_TEST_DATABASE names, or starts one (scripts/postgres.sh, which installs it).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
mode=${1:-full}

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v lua5.4 >/dev/null || missing+=(lua5.4)
[ -e /usr/share/lua/5.4/cjson.lua ] || [ -e /usr/lib/x86_64-linux-gnu/lua/5.4/cjson.so ] || lua5.4 -e 'require "cjson"' 2>/dev/null || missing+=(lua-cjson)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    echo "bench: installing ${missing[*]} with apt-get" >&2
    $sudo apt-get update >/dev/null
    $sudo apt-get install -y "${missing[@]}" >/dev/null
fi

# plaid-python: the conformance virtualenv has it; otherwise a small one of our own.
python=$root/.venv-conformance/bin/python
if ! [ -x "$python" ] || ! "$python" -c 'import plaid' 2>/dev/null; then
    python=$root/.venv-bench/bin/python
    if ! [ -x "$python" ] || ! "$python" -c 'import plaid' 2>/dev/null; then
        python3 -m venv "$root/.venv-bench"
        timeout 600 "$python" -m pip install --quiet --disable-pip-version-check "$(grep '^plaid-python==' Tests/Conformance/requirements.txt)"
    fi
fi

if [ "$mode" = "--smoke" ]; then
    bin=$(swift build --show-bin-path)
    [ -x "$bin/plaidlua" ] || swift build --product plaidlua
    [ -x "$bin/BareClientLoad" ] || swift build --product BareClientLoad
    exec python3 scripts/bench/run.py --plaidlua "$bin/plaidlua" --loadgen "$bin/BareClientLoad" --python "$python" --smoke
fi
# The build scripts/install.sh makes (same flags and scratch folder, so one build serves both and
# a debug build can go on beside it); start-up is timed on a stripped copy, as install.sh installs it.
release=(-c release --static-swift-stdlib --scratch-path .build-release)
swift build "${release[@]}" --product plaidlua
swift build "${release[@]}" --product BareClientLoad
bin=$(swift build "${release[@]}" --show-bin-path)
strip -o "$bin/plaidlua-installed" "$bin/plaidlua"
exec python3 scripts/bench/run.py --plaidlua "$bin/plaidlua" --installed "$bin/plaidlua-installed" \
    --loadgen "$bin/BareClientLoad" --python "$python" --output docs/performance.md "${@:2}"

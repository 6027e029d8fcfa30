#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the tests of the shared sandbox.
#
#   scripts/postgres.sh start DIR   starts one with its files in DIR (made if missing) and prints
#                                   its URL, postgres://plaidlua:PASSWORD@127.0.0.1:PORT/postgres
#   scripts/postgres.sh stop DIR    stops it and deletes DIR
#
# Installs Debian's postgresql when no server is on the machine (apt-get; sudo when not root).
# PostgreSQL refuses to run as root, so as root the server runs as the postgres user (or nobody).
# Clients sign in with a password (SCRAM), as a team's server would ask for one. fsync is off:
# what the tests kill is the sandbox, never this server, and a commit is visible to every
# connection the moment it returns either way.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'postgres.sh: %s\n' "$*" >&2; }

server_bin() {
    if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
        dirname "$(command -v pg_ctl)"
        return
    fi
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$found" ] && echo "$found"
}

install_server() {
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    say "installing PostgreSQL with apt-get"
    $sudo apt-get update >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y postgresql >&2
}

# Runs a command as the user the server runs as.
as_server_user() {
    if [ "$(id -u)" -ne 0 ]; then
        "$@"
    elif id postgres >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    else
        runuser -u nobody -- "$@"
    fi
}

start() {
    local dir=$1 bin
    bin=$(server_bin || true)
    if [ -z "$bin" ]; then
        install_server
        bin=$(server_bin)
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    chmod 0700 "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        chown "$(id -u postgres 2>/dev/null || id -u nobody)" "$dir"
    fi
    local password port
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s\n' "$password" | as_server_user tee "$dir/password" >/dev/null
    as_server_user "$bin/initdb" --pgdata="$dir/data" --username=plaidlua --auth=scram-sha-256 \
        --pwfile="$dir/password" --encoding=UTF8 --no-sync >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    rm -f "$dir/password"
    # A random port below the ephemeral range, another one while it is taken.
    local started=false
    for _ in $(seq 20); do
        port=$((20000 + RANDOM % 10000))
        if as_server_user "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=1000 -c fsync=off" start >/dev/null; then
            started=true
            break
        fi
        grep -q "Address already in use" "$dir/server.log" || break
    done
    $started || { cat "$dir/server.log" >&2; exit 1; }
    echo "$bin" >"$dir/bin"
    echo "postgres://plaidlua:$password@127.0.0.1:$port/postgres"
}

stop() {
    local dir=$1
    [ -f "$dir/bin" ] || { rm -rf "$dir"; return; }
    as_server_user "$(cat "$dir/bin")/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) [ $# -eq 2 ] || { echo "usage: scripts/postgres.sh start DIR" >&2; exit 2; }; start "$2" ;;
    stop) [ $# -eq 2 ] || { echo "usage: scripts/postgres.sh stop DIR" >&2; exit 2; }; stop "$2" ;;
    *) echo "usage: scripts/postgres.sh start|stop DIR" >&2; exit 2 ;;
esac

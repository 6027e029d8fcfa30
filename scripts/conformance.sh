#!/usr/bin/env bash
# Conformance: runs fresh `plaidlua sandbox serve`s and checks them with what other people use.
#   1. Tests/Conformance (pytest): Plaid's official Python client through the processor flow
#      and its main failures, with the client's response validation on.
#   2. schemathesis: generated requests against docs/openapi.yaml; no 5xx, and every response
#      conforms to the document, and every refusal is a Plaid error object. With the developer's
#      keys (every phase, then longer stateful call chains that follow the document's links),
#      then with a partner's. Its examples phase runs only the operations the document gives
#      examples for, and reports the rest as skipped; its coverage, fuzzing and stateful phases
#      run every operation.
# Both run against one sandbox on SQLite, then against two sandboxes sharing one PostgreSQL
# database: the one PLAIDLUA_TEST_DATABASE names, else one started here (scripts/postgres.sh).
# Uses the plaidlua binary already built (.build/debug/plaidlua, or $PLAIDLUA_BIN); installs its
# Python tools into .venv-conformance/ from Tests/Conformance/requirements.txt.
# Set CONFORMANCE_SEED to vary schemathesis' generated cases (the default keeps runs repeatable)
# and CONFORMANCE_EXAMPLES to generate more of them per operation (25 by default; the longer run
# in docs/reliability.md uses 1000).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# Each sandbox here is told where its state is; none inherits the caller's.
unset PLAIDLUA_SANDBOX_DATABASE

binary=${PLAIDLUA_BIN:-$root/.build/debug/plaidlua}
venv=$root/.venv-conformance
requirements=$root/Tests/Conformance/requirements.txt
seed=${CONFORMANCE_SEED:-20200914}
examples=${CONFORMANCE_EXAMPLES:-25}
# The time one schemathesis run may take grows with the cases it generates.
schemathesis_limit=$((240 + examples * 3))

say() { printf 'conformance: %s\n' "$*" >&2; }

if [ ! -x "$binary" ]; then
    say "no plaidlua binary at $binary; build it first (swift build --product plaidlua)"
    exit 1
fi

# --- Python and its virtualenv ------------------------------------------------------------
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
if ! command -v python3 >/dev/null || ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    say "installing python3-venv with apt-get"
    $sudo apt-get update
    $sudo apt-get install -y python3 python3-venv
fi

stamp=$venv/.requirements
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$requirements" "$stamp"; then
    say "setting up $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    timeout 600 "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$stamp"
fi

# --- the sandboxes ----------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/plaidlua-conformance.XXXXXX")
server_pids=()
postgres_dir=""
stop_servers() {
    for pid in "${server_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${server_pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    [ -z "$postgres_dir" ] || scripts/postgres.sh stop "$postgres_dir"
    rm -rf "$work"
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

# serve NAME [VARIABLE=VALUE...]: starts `sandbox serve` with its data in $work/NAME and its log
# in $work/NAME.log, and sets $url to its address.
serve() {
    local name=$1
    shift
    env "$@" "$binary" sandbox serve --port 0 --data "$work/$name" >"$work/$name.log" 2>&1 &
    server_pids+=($!)
    url=""
    for _ in $(seq 300); do
        url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/$name.log" | head -n 1 || true)
        [ -n "$url" ] && break
        if ! kill -0 "${server_pids[-1]}" 2>/dev/null; then break; fi
        sleep 0.1
    done
    if [ -z "$url" ]; then
        say "the sandbox '$name' did not print its address; its output was:"
        cat "$work/$name.log" >&2
        exit 1
    fi
    say "sandbox '$name' at $url"
}

# credentials FILE [VARIABLE=VALUE...]: the keys of the sandbox whose state the variables name,
# as `sandbox credentials --json` writes them.
credentials() {
    local file=$1
    shift
    env "$@" timeout 60 "$binary" sandbox credentials --data "$work/sqlite" --json >"$file"
}

# field FILE developer client_id, field FILE processors dwolla secret: one value of the keys.
field() {
    "$venv/bin/python" -c 'import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2:]:
    value = value[key]
print(value)' "$@"
}

# --- 1. the official client -------------------------------------------------------------------
# official_client LABEL KEYS DEVELOPER_URL PARTNER_URL
official_client() {
    say "pytest: Plaid's official Python client, $1"
    PLAIDLUA_SANDBOX_URL=$3 PLAIDLUA_SANDBOX_PARTNER_URL=$4 PLAIDLUA_SANDBOX_CREDENTIALS=$2 PLAIDLUA_BIN=$binary \
        timeout 300 "$venv/bin/python" -m pytest -p no:cacheprovider -q Tests/Conformance
}

# --- 2. schemathesis --------------------------------------------------------------------------
# run_schemathesis LABEL URL CLIENT_ID SECRET [OPTION...]
run_schemathesis() {
    local label=$1 target=$2 client_id=$3 secret=$4
    shift 4
    say "schemathesis: $label"
    # From the scratch folder, so that nothing schemathesis writes lands in the work tree.
    (cd "$work" && PYTHONPATH=$root/Tests/Conformance SCHEMATHESIS_HOOKS=schemathesis_hooks \
        timeout "$schemathesis_limit" "$venv/bin/schemathesis" --config-file "$root/Tests/Conformance/schemathesis.toml" \
        run "$root/docs/openapi.yaml" \
        --url "$target" \
        --checks not_a_server_error,response_schema_conformance,plaid_error_object \
        --seed "$seed" \
        --generation-database none \
        --request-timeout 10 \
        --workers 2 \
        --no-color \
        -H "PLAID-CLIENT-ID: $client_id" \
        -H "PLAID-SECRET: $secret" \
        "$@")
}
partner_operations='^/(processor/(auth|balance|identity)/get|sandbox/processor_token/create)$'

status=0

# --- one sandbox on SQLite ----------------------------------------------------------------------
serve sqlite
sqlite_url=$url
credentials "$work/sqlite-keys.json"
keys=$work/sqlite-keys.json
official_client "one sandbox on SQLite" "$keys" "$sqlite_url" "$sqlite_url" || status=1
run_schemathesis "developer keys, every operation" "$sqlite_url" \
    "$(field "$keys" developer client_id)" "$(field "$keys" developer secret)" --max-examples "$examples" || status=1
run_schemathesis "developer keys, longer call chains" "$sqlite_url" \
    "$(field "$keys" developer client_id)" "$(field "$keys" developer secret)" \
    --phases stateful --max-examples $((examples * 12 / 5)) || status=1
run_schemathesis "dwolla's keys, the partner operations" "$sqlite_url" \
    "$(field "$keys" processors dwolla client_id)" "$(field "$keys" processors dwolla secret)" \
    --include-path-regex "$partner_operations" --max-examples "$examples" || status=1

# --- two sandboxes on one PostgreSQL database, at once ------------------------------------------
# The developer's calls go to one instance and the partners' to the other, so every token made on
# one is used on the other; the three schemathesis runs go to both instances at the same time.
if [ -z "${PLAIDLUA_TEST_DATABASE:-}" ]; then
    postgres_dir=$work/postgres
    PLAIDLUA_TEST_DATABASE=$(scripts/postgres.sh start "$postgres_dir")
fi
shared="PLAIDLUA_SANDBOX_DATABASE=$PLAIDLUA_TEST_DATABASE?sslmode=disable&schema=conformance_$(date +%s)_$$"
serve postgres-a "$shared"
first_url=$url
serve postgres-b "$shared"
second_url=$url
credentials "$work/postgres-keys.json" "$shared"
keys=$work/postgres-keys.json
official_client "two sandboxes on one PostgreSQL database" "$keys" "$first_url" "$second_url" || status=1
run_schemathesis "developer keys, every operation, first instance" "$first_url" \
    "$(field "$keys" developer client_id)" "$(field "$keys" developer secret)" --max-examples "$examples" &
every_operation=$!
run_schemathesis "developer keys, longer call chains, second instance" "$second_url" \
    "$(field "$keys" developer client_id)" "$(field "$keys" developer secret)" \
    --phases stateful --max-examples $((examples * 12 / 5)) &
call_chains=$!
run_schemathesis "dwolla's keys, the partner operations, second instance" "$second_url" \
    "$(field "$keys" processors dwolla client_id)" "$(field "$keys" processors dwolla secret)" \
    --include-path-regex "$partner_operations" --max-examples "$examples" || status=1
wait "$every_operation" || status=1
wait "$call_chains" || status=1

if [ "$status" -ne 0 ]; then
    for name in sqlite postgres-a postgres-b; do
        say "FAILED; the end of the log of the sandbox '$name':"
        tail -n 30 "$work/$name.log" >&2
    done
fi
exit "$status"

#!/usr/bin/env bash
# Conformance: runs a fresh `plaidlua sandbox serve` and checks it with what other people use.
#   1. Tests/Conformance (pytest): Plaid's official Python client through the processor flow
#      and its main failures, with the client's response validation on.
#   2. schemathesis: generated requests against docs/openapi.yaml; no 5xx, and every response
#      conforms to the document, and every refusal is a Plaid error object. With the developer's
#      keys (every phase, then longer stateful call chains that follow the document's links),
#      then with a partner's. Its examples phase runs only the operations the document gives
#      examples for, and reports the rest as skipped; its coverage, fuzzing and stateful phases
#      run every operation.
# Uses the plaidlua binary already built (.build/debug/plaidlua, or $PLAIDLUA_BIN); installs its
# Python tools into .venv-conformance/ from Tests/Conformance/requirements.txt.
# Set CONFORMANCE_SEED to vary schemathesis' generated cases (the default keeps runs repeatable)
# and CONFORMANCE_EXAMPLES to generate more of them per operation (25 by default; the longer run
# in docs/reliability.md uses 1000).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

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

# --- the sandbox ----------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/plaidlua-conformance.XXXXXX")
server_pid=""
stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

data=$work/data
log=$work/serve.log
"$binary" sandbox serve --port 0 --data "$data" >"$log" 2>&1 &
server_pid=$!

url=""
for _ in $(seq 300); do
    url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$log" | head -n 1 || true)
    [ -n "$url" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
    sleep 0.1
done
if [ -z "$url" ]; then
    say "the sandbox did not print its address; its output was:"
    cat "$log" >&2
    exit 1
fi
say "sandbox at $url"

credentials=$work/credentials.json
timeout 60 "$binary" sandbox credentials --data "$data" --json >"$credentials"
# field developer client_id, field processors dwolla secret: one value of the credentials.
field() {
    "$venv/bin/python" -c 'import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2:]:
    value = value[key]
print(value)' "$credentials" "$@"
}

status=0

# --- 1. the official client -------------------------------------------------------------------
say "pytest: Plaid's official Python client"
PLAIDLUA_SANDBOX_URL=$url PLAIDLUA_SANDBOX_CREDENTIALS=$credentials PLAIDLUA_BIN=$binary \
    timeout 300 "$venv/bin/python" -m pytest -p no:cacheprovider -q Tests/Conformance || status=1

# --- 2. schemathesis --------------------------------------------------------------------------
run_schemathesis() {
    local label=$1 client_id=$2 secret=$3
    shift 3
    say "schemathesis: $label"
    # From the scratch folder, so that nothing schemathesis writes lands in the work tree.
    (cd "$work" && PYTHONPATH=$root/Tests/Conformance SCHEMATHESIS_HOOKS=schemathesis_hooks \
        timeout "$schemathesis_limit" "$venv/bin/schemathesis" --config-file "$root/Tests/Conformance/schemathesis.toml" \
        run "$root/docs/openapi.yaml" \
        --url "$url" \
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
developer_id=$(field developer client_id)
developer_secret=$(field developer secret)
partner_operations='^/(processor/(auth|balance|identity)/get|sandbox/processor_token/create)$'
run_schemathesis "developer keys, every operation" "$developer_id" "$developer_secret" \
    --max-examples "$examples" || status=1
run_schemathesis "developer keys, longer call chains" "$developer_id" "$developer_secret" \
    --phases stateful --max-examples $((examples * 12 / 5)) || status=1
run_schemathesis "dwolla's keys, the partner operations" \
    "$(field processors dwolla client_id)" "$(field processors dwolla secret)" \
    --include-path-regex "$partner_operations" --max-examples "$examples" || status=1

if [ "$status" -ne 0 ]; then
    say "FAILED; the sandbox's log is below"
    tail -n 50 "$log" >&2
fi
exit "$status"

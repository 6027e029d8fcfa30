#!/usr/bin/env bash
# Runs `swift test` with the given options as processes one after the other: first the suites
# that run PlaidLua inside the test process, then the suites that start plaidlua or the sandbox
# as child processes and wait for them, then (with --postgres-pass) the sandbox's suites again
# with its state in PostgreSQL.
#
# Swift's concurrency pool has one thread per core. A test waiting for a child process holds one
# of those threads; two such waits on two cores would starve the in-process async tests of the
# same run (client timeouts, retry timing, coroutines on short timeouts) into spurious failures.
#
# The tests of the shared sandbox need a PostgreSQL server: the one PLAIDLUA_TEST_DATABASE names,
# or one started here for the run (scripts/postgres.sh, which installs it when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
postgres_pass=false
if [ "${1:-}" = "--postgres-pass" ]; then
    postgres_pass=true
    shift
fi
if [ -z "${PLAIDLUA_TEST_DATABASE:-}" ]; then
    postgres_dir=$(mktemp -d -u "${TMPDIR:-/tmp}/plaidlua-postgres.XXXXXX")
    trap 'scripts/postgres.sh stop "$postgres_dir"' EXIT
    PLAIDLUA_TEST_DATABASE=$(scripts/postgres.sh start "$postgres_dir")
    export PLAIDLUA_TEST_DATABASE
fi
child_process_suites='PlaidLuaCLITests\.|PlaidSandboxTests\.(CommandLineTests|DurabilityTests|KillUnderLoadTests)/'
swift test "$@" --skip "$child_process_suites"
swift test "$@" --filter "$child_process_suites"
if $postgres_pass; then
    # Every in-process sandbox suite, each sandbox on a schema of its own. Left out: the one test
    # that reads keys from a data directory's sandbox.sqlite, which a sandbox on PostgreSQL does
    # not use (the child-process suites above already run PostgreSQL where it matters).
    PLAIDLUA_TEST_SANDBOX_BACKEND=postgres swift test "$@" --filter 'PlaidSandboxTests\.' \
        --skip "$child_process_suites" --skip keysAreGeneratedOncePerDataDirectory
fi

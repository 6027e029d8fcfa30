#!/usr/bin/env bash
# Runs `swift test` with the given options as two processes, one after the other: first the
# suites that run PlaidLua inside the test process, then the suites that start plaidlua or the
# sandbox as child processes and wait for them.
#
# Swift's concurrency pool has one thread per core. A test waiting for a child process holds one
# of those threads; two such waits on two cores would starve the in-process async tests of the
# same run (client timeouts, retry timing, coroutines on short timeouts) into spurious failures.
set -euo pipefail
cd "$(dirname "$0")/.."
child_process_suites='PlaidLuaCLITests\.|PlaidSandboxTests\.CommandLineTests/'
swift test "$@" --skip "$child_process_suites"
swift test "$@" --filter "$child_process_suites"

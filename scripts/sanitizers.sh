#!/usr/bin/env bash
# Builds the package and its tests with a sanitizer and runs the tests there.
#
#   scripts/sanitizers.sh [address|thread]...     both when none is named
#   scripts/sanitizers.sh build-address           only the AddressSanitizer build
#
# The AddressSanitizer build also carries libFuzzer's coverage instrumentation and links
# libFuzzer into plaidlua-fuzz, so scripts/fuzz.sh fuzzes from the same build. Each sanitizer
# has a scratch path of its own (.build-asan, .build-tsan), since every module is compiled anew.
set -euo pipefail
cd "$(dirname "$0")/.."

libfuzzer_archive() {
    local resources
    resources="$(dirname "$(readlink -f "$(command -v swift)")")/../lib/swift/clang/lib/linux"
    echo "$resources/libclang_rt.fuzzer_no_main-$(uname -m).a"
}

build_address() {
    PLAIDLUA_LIBFUZZER="$(libfuzzer_archive)" swift build --build-tests --scratch-path .build-asan \
        --sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp
}

# Tests that measure the process itself, which a sanitizer's shadow memory and slower code
# distort; each is named with why it cannot hold under a sanitizer.
skip_under_sanitizers=(
    # resident memory: shadow memory grows it by design
    --skip aHundredThousandSuspendingCallsLeaveMemoryFlat
)

run_address() {
    build_address
    # LeakSanitizer is off: the Swift runtime keeps metadata and caches for the life of the
    # process, which it reports as leaks; memory errors are what this run is for.
    ASAN_OPTIONS=detect_leaks=0 PLAIDLUA_LIBFUZZER="$(libfuzzer_archive)" \
        swift test --skip-build --scratch-path .build-asan --sanitize=address \
        -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
        "${skip_under_sanitizers[@]}"
}

run_thread() {
    swift build --build-tests --scratch-path .build-tsan --sanitize=thread
    # Left out here, run under AddressSanitizer: the tests whose point is timing. ThreadSanitizer
    # slows every thread 5 to 15 times, and on two cores shared with the rest of the suite the
    # 64-client load run passes its time limit and the fault tests' calls pass their hang guards
    # and retry budgets. The client's concurrency still runs under ThreadSanitizer in its other
    # suites, and the sandbox's in the other sandbox and CLI tests.
    TSAN_OPTIONS=halt_on_error=1 swift test --skip-build --scratch-path .build-tsan --sanitize=thread \
        "${skip_under_sanitizers[@]}" --skip everyTokenSurvivesRepeatedKillsUnderLoad \
        --skip FaultInjectionTests --skip RetryTests
}

[ $# -gt 0 ] || set -- address thread
for sanitizer in "$@"; do
    case "$sanitizer" in
        address) run_address ;;
        thread) run_thread ;;
        build-address) build_address ;;
        *) echo "sanitizers.sh: unknown sanitizer '$sanitizer' (address, thread, build-address)" >&2; exit 2 ;;
    esac
done

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

# Tests that measure the process itself or depend on timing, which a sanitizer's shadow memory
# and slower code distort; each is named with why it cannot hold under a sanitizer. The plain
# run of the test command runs them.
skip_under_sanitizers=(
    # resident memory: shadow memory grows it by design
    --skip aHundredThousandSuspendingCallsLeaveMemoryFlat
    # the client against short timeouts: slowed down beside the load test, calls pass the hang
    # guards and time limits that tell a hang or a retry from a slow call
    --skip FaultInjectionTests --skip RetryTests
    # a listener kept down for 20 s by design: it measures waiting, not memory or threads
    --skip queuedWebhooksSurviveKillNineAndReachAListenerThatWasDown
)

run_address() {
    build_address
    # LeakSanitizer is off: the Swift runtime keeps metadata and caches for the life of the
    # process, which it reports as leaks; memory errors are what this run is for.
    ASAN_OPTIONS=detect_leaks=0 PLAIDLUA_LIBFUZZER="$(libfuzzer_archive)" \
        scripts/swift-test.sh --skip-build --scratch-path .build-asan --sanitize=address \
        -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
        "${skip_under_sanitizers[@]}"
}

run_thread() {
    swift build --build-tests --scratch-path .build-tsan --sanitize=thread
    # Also left out here, and run under AddressSanitizer: the 64-client load run, which
    # ThreadSanitizer's 5 to 15 times slowdown pushes past its time limit. The sandbox's
    # concurrent paths run under ThreadSanitizer in the other sandbox and CLI tests.
    # And, to keep the test command inside its time: suites whose every check is single-threaded
    # Lua or printed text (Lua's own test suite, the documents' examples, the installed layout).
    # The threads they start are the ones the batch, webhook, sandbox and trust suites run here.
    TSAN_OPTIONS=halt_on_error=1 scripts/swift-test.sh --skip-build --scratch-path .build-tsan --sanitize=thread \
        "${skip_under_sanitizers[@]}" --skip everyTokenSurvivesRepeatedKillsUnderLoad \
        --skip LuaTestSuiteTests --skip DocumentExamplesTests --skip InstallTests
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

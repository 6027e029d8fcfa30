#!/usr/bin/env bash
# Fuzzes PlaidLua's input handling with libFuzzer, from the AddressSanitizer build.
#
#   scripts/fuzz.sh [--seconds N] [TARGET...]      every target when none is named
#
# Targets: json-lua, request-validation, sandbox-request, batch-records (plaidlua-fuzz lists
# them). Each runs N seconds (default 10) from the saved corpus in Tests/Fuzz/Corpus/TARGET and
# the inputs earlier runs found, kept in .build-asan/fuzz-corpus/TARGET. An input that breaks a
# promise is saved under .build-asan/fuzz-crashes/ and the script fails; docs/reliability.md
# says how to turn it into a regression input.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=10
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(json-lua request-validation sandbox-request batch-records)

scripts/sanitizers.sh build-address >/dev/null
fuzzer="$(swift build --scratch-path .build-asan --show-bin-path)/plaidlua-fuzz"
mkdir -p .build-asan/fuzz-crashes

for target in "${targets[@]}"; do
    found=".build-asan/fuzz-corpus/$target"
    mkdir -p "$found"
    echo "fuzzing $target for ${seconds}s"
    # New inputs go to the first corpus directory, so the saved corpus stays as committed.
    if ! ASAN_OPTIONS=detect_leaks=0 "$fuzzer" "$target" "$found" "Tests/Fuzz/Corpus/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -artifact_prefix=".build-asan/fuzz-crashes/$target-" -print_final_stats=1 \
        >".build-asan/fuzz-$target.log" 2>&1; then
        tail -n 60 ".build-asan/fuzz-$target.log" >&2
        echo "fuzz.sh: $target broke a promise; the input is in .build-asan/fuzz-crashes/" >&2
        exit 1
    fi
    grep -E "^stat::(number_of_executed_units|new_units_added|peak_rss_mb)" ".build-asan/fuzz-$target.log" | sed "s/^/  /"
done

#!/usr/bin/env bash
# Santei's fuzz targets (issue 9): build once with libFuzzer + AddressSanitizer, then fuzz.
#
#   Tools/fuzz/run.sh TARGET SECONDS [LIBFUZZER-FLAG …]
#
# TARGET: claim, copay, uke, master, snapshot, http (or fuzz-claim …), or all (each in turn, SECONDS each).
# Exit 0 when no target wrote a crash, leak, timeout or out-of-memory reproducer; otherwise 1, with
# each reproducer's path and the command that replays it. See Tools/fuzz/README.md.
#
# Environment:
#   FUZZ_ARTIFACTS  folder for reproducers, one sub-folder per target (default <repo>/.build-fuzz/artifacts)
#   FUZZ_SCRATCH    build folder of the sanitizer build (default <repo>/.build-fuzz)
#   FUZZ_NO_BUILD=1 use the binaries already built
#   FUZZ_TIMEOUT    seconds one input may take before it is a timeout (default 25)
#   SANTEI_MASTERS  the Masters folder the targets load (default <repo>/Masters)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
all_targets=(claim copay uke master snapshot http)

usage() { echo "usage: $0 {$(IFS="|"; echo "${all_targets[*]}")|all} SECONDS [libFuzzer flags…]" >&2; exit 2; }
[ $# -ge 2 ] || usage
target_arg=${1#fuzz-}
seconds=$2
shift 2
[[ $seconds =~ ^[0-9]+$ ]] || usage
if [ "$target_arg" = all ]; then
    targets=("${all_targets[@]}")
else
    case " ${all_targets[*]} " in *" $target_arg "*) targets=("$target_arg") ;; *) usage ;; esac
fi

scratch=${FUZZ_SCRATCH:-$repo/.build-fuzz}
artifacts_root=${FUZZ_ARTIFACTS:-$scratch/artifacts}
bin=$scratch/release

if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
    echo "== building the fuzz targets (libFuzzer + AddressSanitizer) in $scratch" >&2
    start=$(date +%s)
    swift build -c release --package-path "$here" --scratch-path "$scratch" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2
    echo "== built in $(( $(date +%s) - start )) s" >&2
fi

# The Swift backtracer hangs under ASan instead of letting libFuzzer write the reproducer.
export SWIFT_BACKTRACE=enable=no
export SANTEI_MASTERS=${SANTEI_MASTERS:-$repo/Masters}

failed=0
summary=()
for t in "${targets[@]}"; do
    name=fuzz-$t
    exe=$bin/$name
    [ -x "$exe" ] || { echo "$exe is missing: build first (without FUZZ_NO_BUILD)" >&2; exit 2; }
    work=$scratch/work/$name
    art=$artifacts_root/$name
    log=$scratch/logs/$name.log
    rm -rf "$work"
    mkdir -p "$work" "$art" "$(dirname "$log")"
    # The committed seeds are copied: libFuzzer adds what it finds to the work folder, never to the repository.
    cp "$here/corpus/$name/"* "$work/"
    if [ "$t" = snapshot ]; then
        # Seed snapshots (the embedded sample set, and one-chain sets) are compiled at run time, not committed.
        SANTEI_FUZZ_WRITE_SEEDS=$work "$exe"
    fi
    before=$(find "$art" -type f | sort)
    flags=(-max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$art/" -timeout="${FUZZ_TIMEOUT:-25}")
    [ -f "$here/dict/$name.dict" ] && flags+=(-dict="$here/dict/$name.dict")
    echo "== $name for $seconds s: $exe ${flags[*]} $* $work" >&2
    set +e
    "$exe" "${flags[@]}" "$@" "$work" 2>&1 | tee "$log" | grep -E '^(#[0-9]+ +(INITED|DONE|pulse)|==[0-9]+==ERROR|SUMMARY|Fatal error|stat::|artifact_prefix|Test unit written)' >&2
    rc=${PIPESTATUS[0]}
    set -e
    new=$(comm -13 <(echo "$before") <(find "$art" -type f | sort) | grep -E '/(crash|leak|timeout|oom)-' || true)
    slow=$(comm -13 <(echo "$before") <(find "$art" -type f | sort) | grep -E '/slow-unit-' || true)
    # Figures: libFuzzer's final stats, or (with -fork) its last status line "#N: cov: C ft: F … time: Ts".
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -aE '^#[0-9]+:?[[:space:]]+([A-Za-z]+[[:space:]]+)?cov: [0-9]+' "$log" | tail -1 || true)
    cov=$(printf '%s' "$last" | sed -nE 's/.*cov: ([0-9]+) ft: ([0-9]+).*/cov \1, ft \2/p')
    if [ -z "$execs" ] && [ -n "$last" ]; then
        execs=$(printf '%s' "$last" | sed -nE 's/^#([0-9]+).*/\1/p')
        elapsed=$(printf '%s' "$last" | sed -nE 's/.* time: ([0-9]+)s.*/\1/p')
        [ -n "$elapsed" ] && [ "$elapsed" -gt 0 ] && speed=$(( execs / elapsed ))
    fi
    found=$(printf '%s\n' "$new" | grep -c . || true)
    summary+=("$name: ${execs:-?} executions, ${speed:-?} exec/s, ${cov:-no coverage line}, crashes/leaks/timeouts: $found (exit $rc)")
    if [ -n "$slow" ]; then
        echo "note: slow inputs (not failures) in $art:" >&2
        printf '  %s\n' $slow >&2
    fi
    if [ -n "$new" ] || [ "$rc" -ne 0 ]; then
        failed=1
        echo "!! $name failed (exit $rc); log: $log" >&2
        for f in $new; do
            echo "   reproducer: $f" >&2
            echo "   replay:     SWIFT_BACKTRACE=enable=no SANTEI_MASTERS=$SANTEI_MASTERS $exe $f" >&2
        done
    fi
done

echo "== summary" >&2
printf '%s\n' "${summary[@]}" >&2
exit $failed

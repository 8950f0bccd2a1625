#!/usr/bin/env bash
# Replays reproducers and groups them by where they stop: the first frame in Sources/Santei of the
# sanitizer's stack (file:line), and the kind of stop.
#
#   Tools/fuzz/triage.sh TARGET FILE|DIR …        # TARGET: claim copay uke master snapshot
#
# Prints one line per reproducer, "file:line<TAB>kind<TAB>reproducer", sorted by place, then one
# line per distinct place. Uses the binaries run.sh built (FUZZ_SCRATCH, default <repo>/.build-fuzz).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
[ $# -ge 2 ] || { echo "usage: $0 TARGET FILE|DIR …" >&2; exit 2; }
target=${1#fuzz-}
shift
exe=${FUZZ_SCRATCH:-$repo/.build-fuzz}/release/fuzz-$target
[ -x "$exe" ] || { echo "$exe is missing: run Tools/fuzz/run.sh first" >&2; exit 2; }
export SWIFT_BACKTRACE=enable=no
export SANTEI_MASTERS=${SANTEI_MASTERS:-$repo/Masters}

lines=()
while IFS= read -r f; do
    out=$(timeout "${FUZZ_TIMEOUT:-60}" "$exe" "$f" 2>&1 || true)
    place=$(printf '%s\n' "$out" | grep -aoE 'Sources/Santei/[^ :]+\.swift:[0-9]+' | head -1 || true)
    kind=$(printf '%s\n' "$out" | grep -aoE 'ERROR: (AddressSanitizer: [a-zA-Z-]+|libFuzzer: [a-z -]+)|Fatal error: [^\n]*' | head -1 || true)
    [ -n "$kind" ] || kind="no stop (fixed, or not reproducible)"
    lines+=("${place:-?}	$kind	$f")
done < <(for a in "$@"; do if [ -d "$a" ]; then find "$a" -type f; else echo "$a"; fi; done | sort)

printf '%s\n' "${lines[@]}" | sort
echo "== distinct places"
printf '%s\n' "${lines[@]}" | cut -f1,2 | sort | uniq -c | sort -rn

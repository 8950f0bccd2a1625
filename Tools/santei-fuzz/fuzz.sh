#!/bin/bash
# libFuzzer run of the doors' readers (Tools/santei-fuzz/Fuzz.swift): the HTTP head reader, the --stdio
# request-line reader and the engine's routes with their claim/copay/batch JSON readers.
#   Tools/santei-fuzz/fuzz.sh [SECONDS]      (default 60; CI: a short run)
# Builds with swiftc -sanitize=fuzzer (instrumented) into .build-fuzz/, runs on a copy of
# Tools/santei-fuzz/corpus (plus ../shared/cases/bad-input when present) and prints executions and crashes.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TO_RUN=${1:-60}
B=.build-fuzz
mkdir -p "$B/mod" "$B/corpus"
SAN="-sanitize=fuzzer -parse-as-library -O -D FUZZING"
if [ ! -x "$B/santei-fuzz" ] || [ -n "$(find Sources/Santei Sources/SanteiHTTP/HTTPParser.swift Tools/santei-fuzz/Fuzz.swift -newer "$B/santei-fuzz" -name '*.swift' | head -1)" ]; then
    swiftc $SAN -wmo -module-name Santei -emit-module -emit-module-path "$B/mod/Santei.swiftmodule" \
        -emit-object -o "$B/Santei.o" $(find Sources/Santei -name '*.swift' | sort)
    swiftc $SAN -module-name santei_fuzz -I "$B/mod" Tools/santei-fuzz/Fuzz.swift Sources/SanteiHTTP/HTTPParser.swift \
        "$B/Santei.o" -o "$B/santei-fuzz"
fi
cp -n Tools/santei-fuzz/corpus/* "$B/corpus/" 2> /dev/null || true
SHARED=${SANTEI_SHARED:-../shared}
if [ -d "$SHARED/cases/bad-input" ]; then
    for f in "$SHARED"/cases/bad-input/*.jsonl; do head -c 200000 "$f" > "$B/corpus/shared-$(basename "$f")"; done
fi
"$B/santei-fuzz" -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$B/corpus" 2>&1 | tee "$B/last-run.log" | grep -E "stat::number_of_executed_units|Done|ERROR|SUMMARY|crash-" || true
grep -q "ERROR: libFuzzer\|SUMMARY:" "$B/last-run.log" && { echo "fuzz: a crash (see $B/last-run.log)"; exit 1; }
echo "fuzz: $(grep -o 'stat::number_of_executed_units: [0-9]*' "$B/last-run.log" | awk '{print $2}') executions, 0 crashes"

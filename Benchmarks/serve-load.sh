#!/bin/bash
# Load on the window call with a real HTTP client (wrk, from Debian's package, installed if missing):
# POST /v1/encounter of generated 2024-06 encounters, 64 keep-alive connections, DURATION seconds (30).
# Writes Benchmarks/serve-load.json (req/s, p50/p99/p99.9, errors, RSS at start/end/peak) and prints it.
#   SANTEI_BIN=.build/release DURATION=30 CONNECTIONS=64 Benchmarks/serve-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
CLAIMS=${CLAIMS:-2000}
OUT=${OUT:-Benchmarks/serve-load.json}
if ! command -v wrk > /dev/null; then
    (apt-get install -y wrk || (apt-get update && apt-get install -y wrk)) > /dev/null
fi
if [ -z "${SANTEI_BIN:-}" ]; then
    swift build -c release --product santei > /dev/null
    swift build -c release --product santei-gen > /dev/null
    SANTEI_BIN=$(swift build -c release --show-bin-path)
fi
TMP=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill -TERM "$SERVER" 2> /dev/null; wait 2> /dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

# Generated 2024-06 claims, each made a window call: encounters in date order, the last at the window, with
# the patient's insurance so that the window payment is computed as at a real 会計 window (所得区分 一般 from
# 70 (born on or before 1954-06-01, 高齢受給者 in June 2024), else ウ; the ratio follows from the birth date).
"$SANTEI_BIN/santei-gen" --month 2024-06 --claims "$CLAIMS" --seed 7 > "$TMP/claims.jsonl"
python3 - "$TMP/claims.jsonl" "$TMP/bodies.txt" <<'PY'
import json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as out:
    for line in f:
        c = json.loads(line)
        c["encounters"].sort(key=lambda e: e["date"])
        c.setdefault("insurance", {"income_class": "一般" if c["patient"]["birth_date"] <= "1954-06-01" else "ウ"})   # 70 by June 2024
        out.write(json.dumps(c, ensure_ascii=False, separators=(",", ":")) + "\n")
PY
cat > "$TMP/encounter.lua" <<'LUA'
local requests = {}
function init(args)
  for line in io.lines(args[1]) do
    requests[#requests + 1] = wrk.format("POST", "/v1/encounter", {["Content-Type"] = "application/json"}, line)
  end
  math.randomseed(os.time() + (args[2] and tonumber(args[2]) or 0))
  counter = math.random(#requests)
end
function request()
  counter = counter % #requests + 1
  return requests[counter]
end
function done(summary, latency, requests)
  io.write(string.format('WRK {"requests":%d,"seconds":%.3f,"non_2xx":%d,"socket_errors":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration / 1e6, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))
end
LUA
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$SANTEI_BIN/santei" serve --listen "127.0.0.1:$PORT" --access-log /dev/null 2> "$TMP/serve.err" &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" > /dev/null && break; sleep 0.1; done
rss() { local t=0; for p in $SERVER $(pgrep -P "$SERVER"); do t=$((t + $(awk '/VmRSS/ {print $2}' /proc/$p/status 2> /dev/null || echo 0))); done; echo $t; }
# Warm up (every worker's caches), then measure.
wrk -t "$THREADS" -c "$CONNECTIONS" -d 3s -s "$TMP/encounter.lua" "http://127.0.0.1:$PORT" -- "$TMP/bodies.txt" > /dev/null
RSS_START=$(rss)
PEAK=$RSS_START
( while kill -0 $SERVER 2> /dev/null; do r=$(rss); [ "$r" -gt "$(cat "$TMP/peak" 2> /dev/null || echo 0)" ] && echo "$r" > "$TMP/peak"; sleep 0.5; done ) &
SAMPLER=$!
wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" -s "$TMP/encounter.lua" "http://127.0.0.1:$PORT" -- "$TMP/bodies.txt" | tee "$TMP/wrk.txt"
RSS_END=$(rss)
kill $SAMPLER 2> /dev/null || true
PEAK=$(cat "$TMP/peak" 2> /dev/null || echo "$RSS_END")
ERRORS=$(curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^santei_errors_total/ {s += $2} END {print s + 0}')
# The C library on one thread (Examples/c/price_encounter.c prints calls/s).
CALLS=0
if [ -f "$SANTEI_BIN/libSanteiC.so" ] && command -v cc > /dev/null; then
    cc -std=c99 -I include Examples/c/price_encounter.c -L "$SANTEI_BIN" -lSanteiC -Wl,-rpath,"$(cd "$SANTEI_BIN" && pwd)" -o "$TMP/price_encounter"
    CALLS=$("$TMP/price_encounter" docs/examples/encounter.json 2>&1 > /dev/null | sed -n 's/.*: \([0-9]*\) calls\/s$/\1/p')
fi
python3 - "$TMP/wrk.txt" "$OUT" "$RSS_START" "$RSS_END" "$PEAK" "$ERRORS" "$DURATION" "$CONNECTIONS" "$(nproc)" "${CALLS:-0}" "$(cat /proc/loadavg | cut -d' ' -f1)" <<'PY'
import json, sys
line = next(l for l in open(sys.argv[1]) if l.startswith("WRK "))
w = json.loads(line[4:])
rss_start, rss_end, peak = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
result = {"name": "Serve POST /v1/encounter (wrk, %s keep-alive connections, %s s)" % (sys.argv[8], sys.argv[7]),
          "requests_per_second": round(w["requests"] / w["seconds"]), "requests": w["requests"],
          "p50_ms": w["p50_us"] / 1000, "p90_ms": w["p90_us"] / 1000, "p99_ms": w["p99_us"] / 1000, "p999_ms": w["p999_us"] / 1000, "max_ms": w["max_us"] / 1000,
          "non_2xx": w["non_2xx"], "socket_errors": w["socket_errors"], "server_errors": int(sys.argv[6]),
          "rss_start_mb": round(rss_start / 1024, 1), "rss_end_mb": round(rss_end / 1024, 1), "rss_peak_mb": round(peak / 1024, 1),
          "rss_growth_percent": round(100 * (rss_end - rss_start) / rss_start, 1) if rss_start else None,
          "c_library_calls_per_second_one_thread": int(sys.argv[10] or 0), "load_average_at_end": float(sys.argv[11]),
          "cores": int(sys.argv[9]), "targets": {"requests_per_second": 50000, "p99_ms": 5, "errors": 0, "rss_growth_percent": 10}}
open(sys.argv[2], "w").write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
print(json.dumps(result, ensure_ascii=False))
PY

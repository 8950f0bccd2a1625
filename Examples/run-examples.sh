#!/bin/sh
# Builds libSanteiC and runs the C and Python examples on the README's example encounter; fails if either
# fails or if their answers differ from each other. Run from the package root (CI calls it).
set -eu
cd "$(dirname "$0")/.."
# SANTEI_BIN: a folder that already holds libSanteiC.so (skips the build).
if [ -z "${SANTEI_BIN:-}" ]; then
    swift build -c release --product SanteiC
    BIN=$(swift build -c release --show-bin-path)
else
    BIN=$(cd "$SANTEI_BIN" && pwd)
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cc -std=c99 -Wall -Wextra -Werror -I include Examples/c/price_encounter.c -L "$BIN" -lSanteiC -Wl,-rpath,"$BIN" -o "$TMP/price_encounter"
"$TMP/price_encounter" docs/examples/encounter.json > "$TMP/c.json"
python3 Examples/python/price_encounter.py "$BIN/libSanteiC.so" docs/examples/encounter.json > "$TMP/python.json"
cmp "$TMP/c.json" "$TMP/python.json"
grep -q '"window_yen"' "$TMP/c.json"
echo "examples: C and Python priced the example encounter identically"
cat "$TMP/c.json"

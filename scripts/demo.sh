#!/usr/bin/env bash
# The main job on the embedded default: generate `small` synthetic data and run the quota engine on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product banenafspraak
BIN=.build/release/banenafspraak
DATA=${DATA:-data/small-2024-1}
OUT=${OUT:-out/small-2024}
[ -f "$DATA/manifest.json" ] || "$BIN" generate --scale small --year 2024 --seed 1 --out "$DATA"
# quota and explain take the --quota-percent values the generator suggests from $DATA/manifest.json (they say so on
# stderr); a --quota-percent flag overrides them.
STORE=${STORE:-out/results.sqlite}
mkdir -p "$(dirname "$STORE")"
"$BIN" quota --year 2024 --in "$DATA" --out "$OUT" --store "$STORE"
FIRST=$(sed -n 2p "$OUT/employers.csv" | cut -d, -f1)
"$BIN" explain --year 2024 --in "$DATA" --employer "$FIRST" > "$(dirname "$OUT")/explain-$FIRST.txt"
echo "employers: $OUT/employers.csv"
echo "national:  $OUT/national.json"
echo "explained: $(dirname "$OUT")/explain-$FIRST.txt"
echo "report:    $(cd "$OUT" && pwd)/report.html"
echo "stored in: $STORE (banenafspraak runs --store $STORE)"
echo "serve the rekentool and the API:  $BIN serve --store $STORE   (then open the URL it prints)"
echo "a token for an employer:          $BIN token issue --store $STORE --employer $FIRST"

#!/usr/bin/env bash
# The performance benchmark (README, "Performance"). Not a test: CI does not run it.
#
# Builds the release binary, writes the inputs deterministically (synthetic WhaTicket-lineage
# trees at 1x, 4x and 16x of ~1,500 files / 250,000 lines; catalogs of 10, 100, 1,000 and 10,000
# events), installs the anchors it needs (ripgrep, hyperfine and GNU time from Debian's packages,
# semgrep from PyPI into a venv beside the inputs, in $BENCH_DIR or /tmp), then prints one table: median wall time, the ratio
# to each anchor measured in the same run, and peak memory.
#
#   scripts/bench.sh            # everything (about 10 minutes on 2 cores)
#   BENCH_QUICK=1 scripts/bench.sh   # 1x tree and catalogs up to 1,000 events, fewer runs
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
# Outside the checkout: semgrep skips what git ignores, and target/ is ignored.
work="${BENCH_DIR:-${TMPDIR:-/tmp}/chatia-socket-bench}"
mkdir -p "$work"

need_debian() {
  local missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" > /dev/null || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y -q "${missing[@]}" > /dev/null
}
need_debian hyperfine:hyperfine rg:ripgrep /usr/bin/time:time
if [ ! -x "$work/venv/bin/semgrep" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q semgrep
fi
export SEMGREP_ENABLE_VERSION_CHECK=0 SEMGREP_SEND_METRICS=off
# gen, check and audit remember earlier results (hyperfine's warm-up runs fill the cache); the
# rows with --no-cache show a run without them.
export CHATIA_SOCKET_CACHE_DIR="$work/cache"

cargo build --release --quiet --bin chatia-socket --example audit_bench --example catalog_bench
bin="$root/target/release/chatia-socket"
ex="$root/target/release/examples"

quick="${BENCH_QUICK:-}"
scales=(1 4 16)
sizes=(10 100 1000 10000)
runs=15
if [ -n "$quick" ]; then scales=(1); sizes=(10 100 1000); runs=5; fi

results="$work/results.jsonl"
: > "$results"

# measure NAME GROUP DIR CMD [PREPARE]: hyperfine's median (PREPARE runs before each run), and
# peak memory from one more run.
measure() {
  local name="$1" group="$2" dir="$3" cmd="$4" json="$work/run.json"
  local prepare=()
  [ -n "${5:-}" ] && prepare=(--prepare "$5")
  # Every command writes into a pipe, as it does for a reader (a CI log, `| less`), not into
  # hyperfine's default /dev/null, which a program may notice and write nothing to; OUTPUT=null
  # for an anchor that is only there to read files.
  (cd "$dir" && hyperfine -N --output="${OUTPUT:-pipe}" --warmup "${WARMUP:-2}" --runs "${RUNS:-$runs}" --ignore-failure "${prepare[@]}" --export-json "$json" "$cmd" > /dev/null)
  local rss
  # The audit exits 1 on findings; time's last line is the peak all the same.
  rss=$(cd "$dir" && { /usr/bin/time -f '%M' sh -c "$cmd > /dev/null 2>&1" 2>&1 >/dev/null | tail -1; }) || true
  python3 - "$json" "$name" "$group" "$rss" "$cmd" >> "$results" <<'EOF'
import json, sys
run = json.load(open(sys.argv[1]))["results"][0]
print(json.dumps({"name": sys.argv[2], "group": sys.argv[3], "median": run["median"],
                  "rss_kb": int(sys.argv[4]), "command": sys.argv[5]}))
EOF
}

cat > "$work/semgrep.yaml" <<'EOF'
rules:
  - id: socket-emit
    languages: [javascript, typescript]
    severity: INFO
    message: emit
    pattern: $X.emit(...)
  - id: socket-listener
    languages: [javascript, typescript]
    severity: INFO
    message: listener
    pattern: $X.on(...)
EOF

for scale in "${scales[@]}"; do
  tree="$work/tree-$scale"
  [ -d "$tree" ] || "$ex/audit_bench" tree "$tree" "$scale" > /dev/null
  group="audit, ${scale}x tree ($(find "$tree" -type f | wc -l) files, $(find "$tree" -type f -exec cat {} + | wc -l) lines)"
  measure "chatia-socket audit . --format json (no file changed since the last run)" "$group" "$tree" "$bin audit . --format json"
  measure "rg -c -e emit -e '\\.on\\(' ." "$group" "$tree" "rg -c --no-messages -e emit -e '\\.on\\(' ."
  measure "chatia-socket audit . --format json --no-cache (parses every file)" "$group" "$tree" "$bin audit . --format json --no-cache"
  # An edit before each run: of a controller, and of the file whose helper most files call.
  for edited in backend/src/controllers/RatingController.ts backend/src/libs0/socket.ts; do
    cp "$tree/$edited" "$work/edited.bak"
    measure "chatia-socket audit . --format json, $edited edited" "$group" "$tree" "$bin audit . --format json" \
      "sh -c 'date +%N | sed s,^,//, >> $edited'"
    cp "$work/edited.bak" "$tree/$edited"
  done
  measure "oxc parse only (same walk, same threads)" "$group" "$tree" "$ex/audit_bench parse ."
  if [ "$scale" = 1 ]; then
    # Seconds per run: a few runs tell its median.
    WARMUP=0 RUNS=3 measure "semgrep, two rules" "$group" "$tree" \
      "$work/venv/bin/semgrep scan --config $work/semgrep.yaml --metrics=off --disable-version-check --quiet --json -j 2 ."
  fi
done

for size in "${sizes[@]}"; do
  dir="$work/catalog-$size"
  mkdir -p "$dir"
  "$ex/catalog_bench" "$dir/socket-events.yaml" "$size"
  "$bin" gen --catalog "$dir/socket-events.yaml" > /dev/null
  group="gen and check, $size events ($(du -sk "$dir" | cut -f1) KB written)"
  measure "chatia-socket gen (every target, nothing changed)" "$group" "$dir" "$bin gen --catalog socket-events.yaml"
  measure "chatia-socket gen --check" "$group" "$dir" "$bin gen --check --catalog socket-events.yaml"
  measure "chatia-socket check" "$group" "$dir" "$bin check --catalog socket-events.yaml"
  measure "chatia-socket gen --no-cache (loads and renders every target)" "$group" "$dir" "$bin gen --no-cache --catalog socket-events.yaml"
  measure "chatia-socket check --no-cache" "$group" "$dir" "$bin check --no-cache --catalog socket-events.yaml"
  OUTPUT=null measure "cat of the generated files (reading them)" "$group" "$dir" "cat $(cd "$dir" && find . -type f ! -name socket-events.yaml | tr '\n' ' ')"
done
measure "chatia-socket check, bundled catalog" "check, bundled catalog" "$root" \
  "$bin check --catalog fixtures/chatia/socket-events.yaml"
measure "chatia-socket check --no-cache, bundled catalog" "check, bundled catalog" "$root" \
  "$bin check --no-cache --catalog fixtures/chatia/socket-events.yaml"
measure "chatia-socket --version (start-up)" "check, bundled catalog" "$root" "$bin --version"

python3 - "$results" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
groups = {}
for row in rows:
    groups.setdefault(row["group"], []).append(row)
# The first row of each group is chatia-socket's; each anchor's ratio is that row's time over its own.
print("| input | command | median wall | chatia-socket ÷ this | peak memory |")
print("|---|---|---|---|---|")
for group, members in groups.items():
    first = members[0]["median"]
    for row in members:
        print(f"| {group} | {row['name']} | {row['median'] * 1000:.1f} ms | "
              f"{first / row['median']:.2f}x | {row['rss_kb'] / 1024:.1f} MB |")
EOF

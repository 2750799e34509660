#!/usr/bin/env bash
# Times `chatia-socket audit` on a synthetic WhaTicket-sized tree (2,000 files, ~209k lines)
# against two anchors: oxc parsing the same files with the same walk and threads (the floor the
# audit is built on), and ripgrep searching them for `emit`/`.on(` (the "just grep it" floor).
# Needs hyperfine and rg (apt-get install hyperfine ripgrep).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin chatia-socket --example audit_bench
tree="${1:-$(mktemp -d)/bench-tree}"
rm -rf "$tree"
target/release/examples/audit_bench gen "$tree" 200
export PATH="$PWD/target/release:$PWD/target/release/examples:$PATH"
cd "$tree"
hyperfine --warmup 3 --runs 30 -N --ignore-failure \
  'chatia-socket audit . --format json' \
  'audit_bench parse .' \
  "rg -c --no-messages -e emit -e '\\.on\\(' ."

#!/usr/bin/env bash
# Process time of loading and checking the bundled catalog, against the 10 ms budget.
# Needs hyperfine (Debian package `hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
hyperfine -N --warmup 20 --runs 300 \
  'target/release/chatia-socket check --catalog fixtures/chatia/socket-events.yaml' \
  'target/release/chatia-socket --version'

#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs what it needs, then runs every stage.
# Stages stop at the first failure; each prints what it runs.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() { printf '\n==> %s\n' "$*"; }

stage "npm packages into harness/node_modules"
(cd harness && npm ci --no-audit --no-fund --loglevel=error)

stage "build chatia-socket"
cargo build --quiet --locked
bin=target/debug/chatia-socket

stage "generate code for the harness catalogs into harness/generated/"
rm -rf harness/generated
for catalog in fixtures/chatia/socket-events.yaml fixtures/catalogs/awkward/socket-events.yaml; do
  name=$(basename "$(dirname "$catalog")")
  "$bin" gen --catalog "$catalog" --out-dir "harness/generated/$name" --target typescript-types --target typescript-server --target react --target docs
done

stage "TypeScript: tsc --strict over the generated code and the harness tests"
(cd harness && npx tsc -p tsconfig.json)

stage "TypeScript and React: runtime tests against real socket.io, socket.io-client and React"
(cd harness && npx vitest run)

stage "Rust: unit, snapshot and CLI tests"
cargo test --locked

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
  "$bin" gen --catalog "$catalog" --out-dir "harness/generated/$name" --target typescript-types --target typescript-server --target react --target docs --target rust
done
# Shapes the fixtures do not reach; only the Rust harness compiles it (and its docs' Rust examples).
"$bin" gen --catalog harness/rust/catalogs/edge/socket-events.yaml --out-dir harness/generated/edge --target rust --target docs
# The client-event validation corpus of each catalog, with the code the contract expects of each case.
cargo build --quiet --locked --example client_corpus
mkdir -p harness/generated/corpus
for catalog in fixtures/chatia/socket-events.yaml fixtures/catalogs/awkward/socket-events.yaml; do
  target/debug/examples/client_corpus "$catalog" "harness/generated/corpus/$(basename "$(dirname "$catalog")").json"
done
# The shared wire-case table as TypeScript, so that tsc checks every expected payload against its event's type.
(cd harness && node tests/rust/wire-cases-to-ts.mjs)
# The code examples of each generated WEBSOCKET.md as files, so that tsc and the harness crate compile them.
(cd harness && npx vite-node tests/docs/extract-examples.ts)

stage "TypeScript: tsc --strict over the generated code and the harness tests"
(cd harness && npx tsc -p tsconfig.json)

stage "Rust target: the harness crate (socketioxide 0.18) builds warning-free, passes clippy and its tests"
if ! cargo clippy --version >/dev/null 2>&1; then
  rustup component add clippy
fi
(cd harness/rust && RUSTFLAGS=-Dwarnings cargo test --locked && cargo clippy --locked --all-targets -- -D warnings)

stage "TypeScript, React and the Rust server: runtime tests with real socket.io-client (harness/tests/rust starts harness/rust's server)"
(cd harness && npx vitest run)

stage "Generated catalogs with hostile text: whatever check accepts passes tsc --strict and builds warning-free (one run of each)"
cargo test --locked --test generated_catalogs -- --ignored

stage "Rust: unit, snapshot and CLI tests"
cargo test --locked

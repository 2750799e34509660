#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs what it needs, then runs every stage.
# Stages stop at the first failure; each prints what it runs.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() { printf '\n==> %s\n' "$*"; }

stage "npm packages into harness/node_modules"
(cd harness && npm ci --no-audit --no-fund --loglevel=error)

stage "Redis: a private redis-server on a free loopback port, for the tests that join several servers (REDIS_URL)"
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else "$@"; fi
}
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q redis-server >/dev/null \
    || { as_root apt-get update -q >/dev/null && as_root apt-get install -y -q redis-server >/dev/null; }
fi
redis_dir=$(mktemp -d "${TMPDIR:-/tmp}/chatia-redis.XXXXXX")
redis_pid=
stop_redis() {
  if [ -n "$redis_pid" ] && kill -0 "$redis_pid" 2>/dev/null; then
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
  rm -rf "$redis_dir"
}
trap stop_redis EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
for attempt in 1 2 3 4 5; do
  redis_port=$(free_port)
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize no \
    --dir "$redis_dir" --logfile "$redis_dir/redis.log" &
  redis_pid=$!
  for _ in $(seq 1 100); do
    if redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; then break 2; fi
    kill -0 "$redis_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill "$redis_pid" 2>/dev/null || true
  wait "$redis_pid" 2>/dev/null || true
  redis_pid=
  [ "$attempt" -lt 5 ] || { cat "$redis_dir/redis.log" >&2 || true; echo "redis-server did not answer" >&2; exit 1; }
done
export REDIS_URL="redis://127.0.0.1:$redis_port"
echo "redis-server $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') on $REDIS_URL (pid $redis_pid)"

stage "build chatia-socket"
cargo build --quiet --locked
bin=target/debug/chatia-socket

stage "generate code for the harness catalogs into harness/generated/"
rm -rf harness/generated
for catalog in fixtures/chatia/socket-events.yaml fixtures/catalogs/awkward/socket-events.yaml; do
  name=$(basename "$(dirname "$catalog")")
  "$bin" gen --catalog "$catalog" --out-dir "harness/generated/$name" --target typescript-types --target typescript-server --target react --target docs --target rust
done
# Several servers sharing budgets through Redis (harness/tests/ts/cluster-limit.test.ts, harness/rust/tests/cluster_limit.rs).
"$bin" gen --catalog fixtures/catalogs/cluster/socket-events.yaml --out-dir harness/generated/cluster --target typescript-types --target typescript-server --target react --target docs --target rust
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

stage "The example app in a real browser: examples/helpdesk (generated files current, tsc --strict), playwright-core driving Debian's chromium"
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q chromium >/dev/null \
    || { as_root apt-get update -q >/dev/null && as_root apt-get install -y -q chromium >/dev/null; }
fi
"$bin" gen --check --catalog fixtures/chatia/socket-events.yaml --out-dir examples/helpdesk/generated \
  --target typescript-types --target typescript-server --target react
browser_started=$SECONDS
(cd examples/helpdesk && npm ci --no-audit --no-fund --loglevel=error && npx tsc -p tsconfig.json && npm test)
echo "browser stage: $((SECONDS - browser_started)) s with $(chromium --version 2>/dev/null || echo "${CHROMIUM_PATH:-chromium}")"

stage "Generated catalogs with hostile text: whatever check accepts passes tsc --strict and builds warning-free (one run of each)"
cargo test --locked --test generated_catalogs -- --ignored

stage "Rust: unit, snapshot and CLI tests"
cargo test --locked

stage "Installing: cargo install --locked, the npm packages through their launcher, the GitHub Action's steps, the pre-commit hooks (pre-commit from PyPI)"
install_root=$(mktemp -d "${TMPDIR:-/tmp}/chatia-install.XXXXXX")
cargo install --quiet --path . --locked --debug --root "$install_root" --target-dir target
"$install_root/bin/chatia-socket" --version
rm -rf "$install_root"
if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q python3-venv >/dev/null \
    || { as_root apt-get update -q >/dev/null && as_root apt-get install -y -q python3-venv >/dev/null; }
fi
cargo test --locked --test distribution -- --ignored

stage "Minimum Rust version: the crate checks with the toolchain Cargo.toml's rust-version names"
msrv=$(sed -n 's/^rust-version = "\(.*\)"$/\1/p' Cargo.toml)
if timeout 120 rustup toolchain install "$msrv" --profile minimal >/dev/null 2>&1; then
  cargo "+$msrv" check --quiet --locked --lib --bins --target-dir target/msrv
  echo "rust $msrv: cargo check --lib --bins (what cargo install builds) passes"
else
  echo "skipped: rustup cannot install Rust $msrv on this machine; run \`cargo +$msrv check --locked --lib --bins\` where it can"
fi

#!/usr/bin/env bash
# Builds the npm packages: the launcher package `chatia-socket` and the platform packages that
# hold the binary, packed as tarballs ready for `npm publish`.
#
#   npm/build.sh [--out DIR] [--binary FILE] [PLATFORM...]
#
# PLATFORM is a key of npm/chatia-socket/platforms.json ("linux x64 glibc", "darwin arm64", …);
# by default the platform this runs on. Each is built with `cargo build --release --locked
# --target TARGET` (its Rust target is in the same file; cross targets need their toolchain:
# `rustup target add TARGET` and a linker, e.g. cargo-zigbuild for macOS and musl, or a build on
# that platform). `--binary FILE` packs an already built binary instead, for one platform.
# The version of every package is the crate's, from Cargo.toml.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out="$root/target/npm"
binary=
platforms=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) platforms+=("$1"); shift ;;
  esac
done
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -1)
table="$here/chatia-socket/platforms.json"
host=$(node -e '
  const glibc = process.report && process.report.getReport().header.glibcVersionRuntime;
  const base = `${process.platform} ${process.arch}`;
  console.log(process.platform === "linux" ? `${base} ${glibc ? "glibc" : "musl"}` : base);')
[ ${#platforms[@]} -gt 0 ] || platforms=("$host")
if [ -n "$binary" ] && [ ${#platforms[@]} -ne 1 ]; then
  echo "npm/build.sh: --binary packs one platform's binary; name at most one PLATFORM" >&2
  exit 2
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

# field KEY NAME: one field of a platform of the table.
field() { node -e 'const p = require(process.argv[1])[process.argv[2]]; if (!p) process.exit(3); console.log(p[process.argv[3]] ?? "")' "$table" "$1" "$2"; }

for platform in "${platforms[@]}"; do
  package=$(field "$platform" package) || { echo "npm/build.sh: unknown platform \"$platform\"" >&2; exit 2; }
  target=$(field "$platform" target)
  exe=chatia-socket; [ "$(field "$platform" os)" = win32 ] && exe=chatia-socket.exe
  built=$binary
  if [ -z "$built" ]; then
    cargo build --release --locked --target "$target" --manifest-path "$root/Cargo.toml"
    built="$root/target/$target/release/$exe"
  fi
  stage="$out/stage/${package#@chatia-socket/}"
  rm -rf "$stage" && mkdir -p "$stage/bin"
  cp "$built" "$stage/bin/$exe" && chmod 755 "$stage/bin/$exe"
  node -e '
    const [table, key, version, dir] = process.argv.slice(1);
    const p = require(table)[key];
    const manifest = {
      name: p.package, version,
      description: `The chatia-socket binary for ${key} (${p.target}); installed by the chatia-socket package.`,
      license: "MIT", os: [p.os], cpu: [p.cpu], ...(p.libc ? { libc: [p.libc] } : {}),
      files: ["bin"], preferUnplugged: true,
    };
    require("fs").writeFileSync(`${dir}/package.json`, JSON.stringify(manifest, null, 2) + "\n");
  ' "$table" "$platform" "$version" "$stage"
  (cd "$out" && npm pack --silent "$stage" >/dev/null)
done

launcher="$out/stage/chatia-socket"
rm -rf "$launcher" && mkdir -p "$launcher"
cp -r "$here/chatia-socket/." "$launcher/"
node -e '
  const [dir, version] = process.argv.slice(1);
  const file = `${dir}/package.json`;
  const manifest = JSON.parse(require("fs").readFileSync(file, "utf8"));
  manifest.version = version;
  for (const name of Object.keys(manifest.optionalDependencies)) manifest.optionalDependencies[name] = version;
  require("fs").writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
' "$launcher" "$version"
(cd "$out" && npm pack --silent "$launcher" >/dev/null)
ls "$out"/*.tgz

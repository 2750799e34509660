#!/usr/bin/env node
// Runs the chatia-socket binary of this platform. The binary comes in a package of its own
// (`@chatia-socket/linux-x64`, …), one of this package's optionalDependencies: npm installs the
// one whose `os`, `cpu` and `libc` match, and nothing runs at install time.
"use strict";

const { spawnSync } = require("node:child_process");
const path = require("node:path");
const platforms = require("../platforms.json");

function fail(message) {
  process.stderr.write(`chatia-socket: ${message}\n`);
  process.exit(2);
}

/** `linux x64 glibc`, `linux arm64 musl`, `darwin arm64`, `win32 x64`. */
function platformKey() {
  const base = `${process.platform} ${process.arch}`;
  if (process.platform !== "linux") return base;
  // Node built against glibc reports its version; on musl (Alpine) there is none.
  const glibc = process.report && process.report.getReport().header.glibcVersionRuntime;
  return `${base} ${glibc ? "glibc" : "musl"}`;
}

function binaryPath() {
  if (process.env.CHATIA_SOCKET_BINARY) return process.env.CHATIA_SOCKET_BINARY;
  const key = platformKey();
  const platform = platforms[key];
  if (!platform) {
    const known = Object.keys(platforms).join(", ");
    fail(`no binary is published for ${key} (published: ${known}); build one with \`cargo install chatia-socket --locked\` and point CHATIA_SOCKET_BINARY at it`);
  }
  const exe = process.platform === "win32" ? "chatia-socket.exe" : "chatia-socket";
  try {
    return require.resolve(`${platform.package}/bin/${exe}`);
  } catch {
    fail(
      `the package ${platform.package}, which holds the binary for ${key}, is not installed.\n` +
        `  hint: reinstall without --omit=optional or --no-optional (npm install -D chatia-socket), ` +
        `and install on the platform that runs it: a lockfile made elsewhere still installs the right package, ` +
        `a node_modules folder copied from another platform does not`,
    );
  }
}

const binary = binaryPath();
const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit", windowsHide: true });
if (result.error) fail(`cannot run ${path.basename(binary)} (${binary}): ${result.error.message}`);
if (result.signal) process.kill(process.pid, result.signal);
process.exitCode = result.status ?? 2;

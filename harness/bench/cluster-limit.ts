// What counting emits in Redis costs: the same emit on one socket.io 4.7.5 server with the
// process-scope limiter (in memory) and with the cluster-scope limiter (one Lua script per emit on
// the Redis at REDIS_URL), one emit at a time and 100 at once.
//
//   cd harness && REDIS_URL=redis://127.0.0.1:6379 npx vite-node bench/cluster-limit.ts
//
// Needs the code generated into harness/generated (scripts/test.sh does it). No client is
// connected, so the figures are the emitter's own cost: building the payload, counting, and
// handing it to socket.io.
import { createClient } from "redis";
import { Server } from "socket.io";
import {
  createClusterRateLimiter,
  createCompanyRateLimiter,
  createSocketEmitter,
  setupCompanyNamespaces,
} from "../generated/cluster/server/emitters";

const url = process.env["REDIS_URL"];
if (url === undefined) {
  throw new Error("set REDIS_URL to a Redis this benchmark may write to");
}
const emits = 20_000;
const rounds = 5;

const redis = createClient({ url });
await redis.connect();
const io = new Server();
const cluster = createClusterRateLimiter({
  run: (script, keys, args) => redis.eval(script, { keys, arguments: args }),
  events: Number.MAX_SAFE_INTEGER,
});
setupCompanyNamespaces(io, { verifyToken: () => null, canJoinRoom: () => false, rateLimiter: cluster });
const process_ = createCompanyRateLimiter({ events: Number.MAX_SAFE_INTEGER });

/** Microseconds per emit, median of the rounds. */
async function measure(limiter: typeof cluster | typeof process_, batch: number): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const emitter = createSocketEmitter(io, 900_000 + round, 1, { rateLimiter: limiter });
    const start = performance.now();
    for (let i = 0; i < emits; i += batch) {
      await Promise.all(Array.from({ length: batch }, (_, j) => emitter.ticket.update({ ticket: { id: i + j, status: "open" } })));
    }
    times.push(((performance.now() - start) * 1000) / emits);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

const rows: string[][] = [];
for (const batch of [1, 100]) {
  const local = await measure(process_, batch);
  const shared = await measure(cluster, batch);
  rows.push([String(batch), local.toFixed(1), shared.toFixed(1), (shared / local).toFixed(1)]);
}
console.log("| emits at once | process scope (µs/emit) | cluster scope (µs/emit) | ratio |");
console.log("|---|---|---|---|");
for (const row of rows) {
  console.log(`| ${row.join(" | ")} |`);
}
await redis.quit();

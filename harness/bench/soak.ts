// The soak of tests/cluster/soak.test.ts at full size, on one server and on two joined by Redis:
//
//   cd harness && REDIS_URL=redis://127.0.0.1:PORT SOAK_COMPANIES=100 SOAK_CLIENTS=10 SOAK_EMITS=100000 npx vite-node bench/soak.ts
//
// (scripts/test.sh starts a private redis-server; any Redis on loopback will do.) SOAK_SERVERS
// picks the runs, "1,2" unless given; SOAK_IN_FLIGHT caps the deliveries owed and not yet made
// before the emitting loop waits (2000), which bounds the queueing in the latency figures. Prints one row per run: emit outcomes, deliveries owed and
// made, losses, cross-company deliveries, reconnects, throughput and emit-to-receipt latency.
// Exits non-zero if anything was lost or crossed companies.
import { runSoak, soakTable, type SoakResult } from "../tests/cluster/soak";

const number = (name: string, fallback: number) => {
  const value = process.env[name];
  const parsed = value === undefined || value === "" ? fallback : Number(value);
  if (!Number.isSafeInteger(parsed) || parsed <= 0) {
    throw new Error(`${name} must be a positive integer, not ${value}`);
  }
  return parsed;
};

const companies = number("SOAK_COMPANIES", 10);
const clients = number("SOAK_CLIENTS", 4);
const emits = number("SOAK_EMITS", 5000);
const maxInFlight = number("SOAK_IN_FLIGHT", 2000);
const serverCounts = (process.env.SOAK_SERVERS ?? "1,2").split(",").map((s) => Number(s.trim()));

const results: SoakResult[] = [];
for (const servers of serverCounts) {
  console.log(`soak: ${servers} server(s), ${companies} companies × ${clients} clients, ${emits} emits...`);
  results.push(await runSoak({ companies, clients, emits, servers, maxInFlight }));
}
console.log(`\n${soakTable(results)}\n`);
console.log("delivered/owed: deliveries owed to clients connected and in the room for the whole emit, and how many arrived;");
console.log("latency: from the emit call to the client's receipt, in this one process (servers and clients share 2 cores).");
const bad = results.filter((r) => r.lost > 0 || r.crossCompany > 0 || r.wrongRoom > 0 || r.duplicates > 0 || r.rateLimitedDelivered > 0 || r.outcomes.failed > 0);
if (bad.length > 0) {
  console.error("soak: events were lost, duplicated or crossed companies");
  process.exit(1);
}
process.exit(0);

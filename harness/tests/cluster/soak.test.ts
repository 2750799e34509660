// The soak at CI size: 10 companies × 4 clients over two servers on one Redis, 5,000 emits while
// clients drop and reconnect. bench/soak.ts runs the same code at full size.
import { expect, it } from "vitest";
import { runSoak, soakTable } from "./soak";

it("delivers every emit to every client that stayed for it, and none to another company, over two servers", { timeout: 60_000 }, async () => {
  const result = await runSoak({ companies: 10, clients: 4, emits: 5000, servers: 2 });
  console.log(`\n${soakTable([result])}\n`);
  expect(result.crossCompany).toBe(0);
  expect(result.wrongRoom).toBe(0);
  expect(result.duplicates).toBe(0);
  expect(result.lost).toBe(0);
  expect(result.rateLimitedDelivered).toBe(0);
  expect(result.outcomes.failed).toBe(0);
  expect(result.outcomes.sent + result.outcomes["rate-limited"]).toBe(5000);
  // The hot company runs into the rate limit; the others do not.
  expect(result.outcomes["rate-limited"]).toBeGreaterThan(0);
  expect(result.delivered).toBe(result.owed);
  expect(result.owed).toBeGreaterThan(5000);
  expect(result.reconnects).toBeGreaterThan(10);
});

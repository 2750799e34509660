// Wire parity, Rust half: every case of harness/tests/wire-cases.json is emitted by the generated
// Rust emitter through socketioxide, and the payload text a real socket.io-client receives must be
// exactly JSON.stringify(expected), in the expected namespace under the expected event name.
// `tsc` checks the same expected payloads against the generated TypeScript types
// (generated/wire-cases/*.ts, made by wire-cases-to-ts.mjs).
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  client,
  connected,
  payloadText,
  rawEvents,
  startRustServer,
  token,
  until,
  wireTable,
  type CatalogName,
  type RustServer,
} from "./harness";

/** Rooms the test servers put every socket in themselves; the others are asked for with room:join. */
const serverManaged = new Set(["user", "in-queue"]);

for (const catalog of ["chatia", "awkward"] as CatalogName[]) {
  describe(`${catalog}: the Rust emitters put the table's JSON on the wire`, () => {
    let server: RustServer;
    beforeAll(async () => {
      server = await startRustServer(catalog);
    });
    afterAll(async () => {
      await server.stop();
    });

    const cases = wireTable.payloads.filter((c) => c.catalog === catalog);
    it("has cases for every catalog in the table", () => {
      expect(cases.length).toBeGreaterThan(5);
    });

    for (const c of cases) {
      it(c.name, async () => {
        const socket = client(server, c.namespace, token(c.companyId, c.userId));
        const frames = rawEvents(socket);
        await connected(socket);
        if (c.room !== undefined && !serverManaged.has(c.room.room)) {
          expect(await socket.emitWithAck("room:join", c.room)).toEqual({ ok: true });
        }
        expect(await server.resetRateLimit()).toMatchObject({ ok: true });
        expect(await server.setClock(c.now)).toMatchObject({ ok: true });
        const answer = await server.emit({
          companyId: c.companyId,
          userId: c.userId,
          event: c.event,
          action: c.action,
          ...(c.room === undefined ? {} : { rooms: [c.room] }),
          inputs: c.inputs,
        });
        expect(answer).toMatchObject({ ok: true });
        await until(() => frames.length > 0, `${c.eventName} on ${c.namespace}`);
        expect(frames).toHaveLength(1);
        const text = payloadText(frames[0]!, c.namespace, c.eventName);
        expect(text, `frame ${frames[0]}`).toBeDefined();
        expect(text).toBe(JSON.stringify(c.expected));
        socket.disconnect();
      });
    }
  });
}

// The generated per-company rate limiter, on the awkward catalog's limit of 5 events per second,
// driven by the clock the application injects: the same clock dates the payloads.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ClientToServerEvents, ServerToClientEvents } from "../../generated/awkward/out/types/events";
import { client, connected, recorder, startRustServer, token, until, type RustServer } from "./harness";

type AwkwardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const LIMIT = 5;

function typeofEvent(companyId: number, appEventId: number) {
  return { companyId, userId: 1, event: "app-event", action: "typeof", inputs: { appEventId, ["__proto__"]: "p" } };
}

describe("awkward: at most 5 events per company per second", () => {
  let server: RustServer;
  let first: AwkwardSocket;
  let second: AwkwardSocket;
  let firstLog: Array<[string, any]>;
  let secondLog: Array<[string, any]>;

  beforeAll(async () => {
    server = await startRustServer("awkward");
    first = client(server, "/workspace-1", token(1, 1));
    second = client(server, "/workspace-2", token(2, 1));
    firstLog = recorder(first);
    secondLog = recorder(second);
    await Promise.all([connected(first), connected(second)]);
  });
  afterAll(async () => {
    first.disconnect();
    second.disconnect();
    await server.stop();
  });

  it("drops the sixth event of a window, says why, and lets the window's first five through", async () => {
    await server.setClock("2024-05-01T10:00:00.000Z");
    for (let id = 1; id <= LIMIT; id++) {
      expect(await server.emit(typeofEvent(1, id))).toMatchObject({ ok: true });
    }
    await server.advanceClock(999);
    const dropped = await server.emit(typeofEvent(1, 6));
    expect(dropped).toMatchObject({
      ok: false,
      kind: "rate-limited",
      error: "company-1-app-event not sent: company 1 reached its rate limit of 5 events per 1 s",
    });
    await until(() => firstLog.length === LIMIT, "the five events that passed");
    expect(firstLog.map(([, payload]) => payload.appEventId)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(firstLog.map(([, payload]) => payload.timestamp))).toEqual(new Set(["2024-05-01T10:00:00.000Z"]));
  });

  it("keeps another company's budget apart", async () => {
    for (let id = 1; id <= LIMIT; id++) {
      expect(await server.emit(typeofEvent(2, id))).toMatchObject({ ok: true });
    }
    expect(await server.emit(typeofEvent(2, 6))).toMatchObject({ ok: false, kind: "rate-limited" });
    await until(() => secondLog.length === LIMIT, "company 2's five events");
  });

  it("opens a new window when the clock reaches the end of the old one", async () => {
    await server.advanceClock(1);
    expect(await server.emit(typeofEvent(1, 7))).toMatchObject({ ok: true });
    await until(() => firstLog.length === LIMIT + 1, "the event of the new window");
    const [event, payload] = firstLog[LIMIT]!;
    expect(event).toBe("company-1-app-event");
    expect(payload).toEqual({ action: "typeof", companyId: 1, userId: 1, timestamp: "2024-05-01T10:00:01.000Z", appEventId: 7, ["__proto__"]: "p" });
  });

  it("counts every event of the company, whatever the event and whoever emits", async () => {
    await server.advanceClock(5_000);
    const mixed = [
      typeofEvent(1, 8),
      { companyId: 1, userId: 2, event: "app-event", action: "re-open", inputs: { appEventId: 9 } },
      { companyId: 1, userId: 3, event: "option", action: "update", inputs: { option: { none: [] } } },
      { companyId: 1, userId: 4, event: "quickMessage", action: "custom-thing", rooms: [{ room: "in-queue", queueId: "main" }], inputs: { quickMessageId: 1, payload: {} } },
      typeofEvent(1, 10),
    ];
    for (const command of mixed) {
      expect(await server.emit(command)).toMatchObject({ ok: true });
    }
    expect(await server.emit({ companyId: 1, userId: 5, event: "option", action: "update", inputs: { option: { none: [] } } })).toMatchObject({
      ok: false,
      kind: "rate-limited",
    });
  });
});

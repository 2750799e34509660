// The generated connect middleware: the namespace names the company, the application's guard
// authenticates the handshake, and a token of another company is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { client, connected, refusal, startRustServer, token, until, type RustServer } from "./harness";

describe("chatia: who may connect to a company namespace", () => {
  let server: RustServer;
  beforeAll(async () => {
    server = await startRustServer("chatia");
  });
  afterAll(async () => {
    await server.stop();
  });

  it("accepts a token of the namespace's company", async () => {
    const socket = client(server, "/workspace-1", token(1, 5));
    await connected(socket);
    expect(socket.connected).toBe(true);
    socket.disconnect();
  });

  it("refuses a token of another company with forbidden", async () => {
    const socket = client(server, "/workspace-1", token(2, 5));
    expect(await refusal(socket)).toBe("forbidden");
    await until(() => server.stderr().includes("refused /workspace-1: OtherCompany"), "the guard's report");
    expect(server.stderr()).toContain("OtherCompany { namespace_company: 1, session_company: 2 }");
    socket.disconnect();
  });

  it("refuses a token the guard does not know with unauthorized", async () => {
    const socket = client(server, "/workspace-1", { token: "forged" });
    expect(await refusal(socket)).toBe("unauthorized");
    await until(() => server.stderr().includes("refused /workspace-1: Unauthenticated"), "the guard's report");
    socket.disconnect();
  });

  it("refuses a handshake without credentials with unauthorized", async () => {
    const socket = client(server, "/workspace-3");
    expect(await refusal(socket)).toBe("unauthorized");
    await until(() => server.stderr().includes("refused /workspace-3: UnreadableCredentials"), "the guard's report");
    socket.disconnect();
  });

  it("refuses a namespace that fits the pattern but names no company", async () => {
    for (const namespace of ["/workspace-01", "/workspace-abc", "/workspace-1x"]) {
      const socket = client(server, namespace, token(1, 5));
      expect(await refusal(socket)).toBe("unauthorized");
      await until(() => server.stderr().includes(`refused ${namespace}: NotACompany`), `the report for ${namespace}`);
      socket.disconnect();
    }
  });

  it("does not serve namespaces outside the pattern", async () => {
    const socket = client(server, "/admin", token(1, 5));
    expect(await refusal(socket)).toBe("Invalid namespace");
    socket.disconnect();
  });

  it("a refused client receives none of the company's events", async () => {
    const intruder = client(server, "/workspace-7", token(8, 1));
    const seen: string[] = [];
    intruder.onAny((event: string) => seen.push(event));
    expect(await refusal(intruder)).toBe("forbidden");
    const member = client(server, "/workspace-7", token(7, 1));
    await connected(member);
    const delivered = new Promise((resolve) => member.once("company-7-ticket", resolve));
    expect(await server.emit({ companyId: 7, userId: 1, event: "ticket", action: "delete", inputs: { ticketId: 70 } })).toMatchObject({ ok: true });
    await delivered;
    expect(seen).toEqual([]);
    intruder.disconnect();
    member.disconnect();
  });
});

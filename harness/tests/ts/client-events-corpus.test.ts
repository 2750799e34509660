// The validation parity corpus of both catalogs (`cargo run --example client_corpus`, written by
// scripts/test.sh into harness/generated/corpus/) against the generated TypeScript server on a
// real socket.io 4.7.5 server: every case answers the code the contract gives it, and handlers
// run exactly for the cases that expect `ok`.
import { afterEach, describe, expect, it } from "vitest";
import { expectedHandlerCalls, loadCorpus, runCorpus } from "../../corpus/runner";
import { setupForCorpus, userToken, type Calls } from "./client-event-servers";
import { closeAll, connectTo, memoryLogger, startServer, type Loopback } from "./support";
import type { Socket } from "socket.io-client";

let server: Loopback | undefined;
let sockets: Socket[] = [];

afterEach(async () => {
  closeAll(sockets);
  sockets = [];
  await server?.close();
  server = undefined;
});

describe.each(["chatia", "awkward"] as const)("the %s corpus", (catalog) => {
  it("gets from the generated TypeScript server the code the contract expects, case by case", async () => {
    const corpus = loadCorpus(catalog);
    expect(corpus.cases.length).toBeGreaterThanOrEqual(1000);
    server = await startServer();
    const calls: Calls = new Map();
    setupForCorpus(catalog, server.io, corpus, calls, memoryLogger());
    const url = server.url;
    const open = async () => {
      const socket = await connectTo(url, "/workspace-1", userToken(1, 11));
      sockets.push(socket);
      return socket;
    };

    const outcomes = await runCorpus(corpus, open);

    const sent = corpus.cases.length + corpus.bursts.reduce((n, b) => n + b.sends.length, 0);
    expect(outcomes).toHaveLength(sent);
    expect(outcomes.filter((o) => o.got !== o.expected)).toEqual([]);
    expect(calls).toEqual(expectedHandlerCalls(corpus));
    // Every code of the contract is met, and every class of case.
    const codes = new Set(outcomes.map((o) => o.expected));
    expect([...codes].sort()).toEqual(["forbidden", "invalid-payload", "not-found", "ok", "rate-limited", null].sort());
  }, 120_000);
});

// The validation parity corpus of both catalogs (the same files the TypeScript server gets, in
// client-events-corpus.test.ts under tests/ts) against the generated Rust server (harness/rust,
// socketioxide 0.18): every case answers the code the contract gives it, so both servers accept
// and refuse exactly the same payloads with the same code, and the handlers run exactly for the
// cases that expect `ok`. The test application applies the corpus's ownership rule
// (harness/corpus/rule.ts; harness/rust/src/client_events.rs).
//
// One difference is socketioxide's, not the generated code's: an event whose name needs a JSON
// escape (a quote, a backslash, a control character) is refused by socketioxide 0.18's parser
// before any handler, by closing the connection, where the TypeScript server answers `not-found`.
// No catalog name can need one (`check` refuses them), so only unknown events meet it; those
// cases are sent one per socket here and must end their connection and reach no handler.
import type { Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";

import { expectedHandlerCalls, loadCorpus, runCorpus, type CorpusCase } from "../../corpus/runner";
import { client, connected, startRustServer, token, type Calls, type RustServer } from "./harness";

let server: RustServer | undefined;
let sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets) {
    socket.disconnect();
  }
  sockets = [];
  await server?.stop();
  server = undefined;
});

/** socketioxide reads an event name only when its JSON has no escape. */
function nameNeedsEscape(c: CorpusCase): boolean {
  return JSON.stringify(c.event) !== `"${c.event}"`;
}

/** Resolves with the reason the connection ended, or `null` if it was still open after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<string | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** The handler counts, without the ownership check's and without handlers that never ran. */
function handlerCalls(calls: Calls): Map<string, number> {
  return new Map(Object.entries(calls).filter(([event, count]) => event !== "authorize" && count > 0));
}

describe.each(["chatia", "awkward"] as const)("the %s corpus", (catalog) => {
  it("gets from the generated Rust server the code the contract expects, case by case", async () => {
    const corpus = loadCorpus(catalog);
    expect(corpus.cases.length).toBeGreaterThanOrEqual(1000);
    const started = await startRustServer(catalog);
    server = started;
    const open = async () => {
      const socket = client(started, "/workspace-1", token(1, 11)) as unknown as Socket;
      sockets.push(socket);
      await connected(socket);
      return socket;
    };

    const escaped = corpus.cases.filter(nameNeedsEscape);
    expect(escaped.map((c) => c.expect)).toEqual(escaped.map(() => "not-found"));
    const outcomes = await runCorpus({ ...corpus, cases: corpus.cases.filter((c) => !nameNeedsEscape(c)) }, open);
    for (const c of escaped) {
      const socket = await open();
      const replies: unknown[] = [];
      const closed = closedWithin(socket, 3000);
      socket.emit(c.event, ...c.args, (reply: unknown) => replies.push(reply));
      expect({ event: c.event, closed: await closed, replies }).toEqual({ event: c.event, closed: "transport close", replies: [] });
    }

    const sent = corpus.cases.length - escaped.length + corpus.bursts.reduce((n, b) => n + b.sends.length, 0);
    expect(outcomes).toHaveLength(sent);
    expect(outcomes.filter((o) => o.got !== o.expected)).toEqual([]);
    expect(escaped.length).toBeGreaterThan(0);
    expect(handlerCalls(await started.calls())).toEqual(expectedHandlerCalls(corpus));
  }, 180_000);
});

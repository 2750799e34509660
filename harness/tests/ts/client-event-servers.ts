// The client-event handlers and ownership check of the harness servers, for both catalogs: the
// handlers succeed and count their calls, and `authorize` follows the corpus rule (ids of 1000
// and more belong to nobody, harness/corpus/rule.ts), as the Rust harness server does.
import type { Server } from "socket.io";
import * as awkward from "../../generated/awkward/out/server/emitters";
import * as chatia from "../../generated/chatia/backend/src/libs/socket/emitters";
import type { Corpus } from "../../corpus/runner";
import { corpusEvent } from "../../corpus/runner";
import { deniedByIds } from "../../corpus/rule";

/** Handler calls by client event name. */
export type Calls = Map<string, number>;

function count(calls: Calls | undefined, event: string): void {
  calls?.set(event, (calls.get(event) ?? 0) + 1);
}

/** Handlers of the ChatIA catalog: `typing` tells the ticket's room, `markAsRead` answers a receipt. */
export function chatiaHandlers(calls?: Calls): chatia.ClientEventHandlers {
  return {
    typing(ctx, indicator) {
      count(calls, "typing");
      ctx.emitter.typing.update({ ticketId: indicator.ticketId, typing: indicator.typing }, { room: "ticket", ticketId: indicator.ticketId });
    },
    markAsRead(_ctx, ticketId) {
      count(calls, "markAsRead");
      return { ticketId, unreadMessages: 0 };
    },
  };
}

export function awkwardHandlers(calls?: Calls): awkward.ClientEventHandlers {
  return {
    constructor_(_ctx, record) {
      count(calls, "constructor");
      return { none: [record] };
    },
    bulkTag() {
      count(calls, "bulk-tag");
    },
    delete() {
      count(calls, "delete");
    },
  };
}

/** The corpus's ownership rule over an event's arguments, named as the corpus names them. */
export function corpusAuthorize(corpus: Corpus) {
  return (request: { event: string; args: readonly unknown[] }): boolean =>
    !deniedByIds(request.args, corpusEvent(corpus, request.event)?.args ?? []);
}

/** Tokens `user:<companyId>:<userId>`, as the Rust harness server reads them too. */
export function userToken(companyId: number, userId: number): string {
  return `user:${companyId}:${userId}`;
}

export function verifyUserToken(token: string): { companyId: number; userId: number } | null {
  const match = /^user:(\d+):(\d+)$/.exec(token);
  return match === null ? null : { companyId: Number(match[1]), userId: Number(match[2]) };
}

/** The setup of a harness server for the corpus: the rule, counting handlers, and a logger. */
export function setupForCorpus(catalog: "chatia" | "awkward", io: Server, corpus: Corpus, calls: Calls, logger: chatia.SocketLogger) {
  const common = { verifyToken: verifyUserToken, canJoinRoom: () => true, authorize: corpusAuthorize(corpus), logger };
  return catalog === "chatia"
    ? chatia.setupCompanyNamespaces(io, { ...common, handlers: chatiaHandlers(calls) })
    : awkward.setupCompanyNamespaces(io, { ...common, handlers: awkwardHandlers(calls) });
}

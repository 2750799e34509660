// Type-level tests of the awkward catalog's generated TypeScript: reserved words as actions and
// properties, hyphenated names, an event that may not broadcast, every field shape. Checked like
// `chatia.typecheck.ts` (see there). Nothing here runs.
import type { Server } from "socket.io";
import type { Socket as ClientSocket } from "socket.io-client";
import { createSocketEmitter } from "../../generated/awkward/out/server/emitters";
import type {
  AppEventPayload,
  Class,
  ClientToServerEvents,
  Option,
  Record_,
  ServerToClientEvents,
  SocketData,
} from "../../generated/awkward/out/types/events";
import { useAppEventEvents, useQuickMessageEvents } from "../../generated/awkward/out/client/hooks";

declare const io: Server<ClientToServerEvents, ServerToClientEvents, {}, SocketData>;
declare const client: ClientSocket<ServerToClientEvents, ClientToServerEvents>;
declare const record: Record_;
declare const appEventPayload: AppEventPayload;

export function emitterChecks(): void {
  const emit = createSocketEmitter(io, 1, 2);
  emit.appEvent.typeof({ appEventId: 1, ["__proto__"]: "x" });
  emit.appEvent.delete({ appEventId: 1 }, { room: "for", type: "two words", self: 3 });
  emit.appEvent.reOpen({ appEventId: 1 });
  emit.appEvent.statusChange({ appEvent: record, previous: null });
  emit.quickMessage.customThing({ quickMessageId: 1, payload: {} }, { room: "in-queue", queueId: "q" });
  emit.option.update({ option: { none: [] } });
  // @ts-expect-error TS2551 the action is `typeof`, not `typeOf`
  emit.appEvent.typeOf({ appEventId: 1 });
  // @ts-expect-error TS2551 hyphenated events are camelCase members
  emit["app-event"].create({ appEvent: record });
  // @ts-expect-error TS2554 an event that may not broadcast needs a room
  emit.quickMessage.delete({ quickMessageId: 1 });
  // @ts-expect-error TS2345 an enum room parameter outside the enum
  emit.appEvent.delete({ appEventId: 1 }, { room: "for", type: "old", self: 3 });
  // @ts-expect-error TS2345 a missing field
  emit.appEvent.statusChange({ appEvent: record });
  // @ts-expect-error TS2322 a nullable field is not optional-of-anything
  emit.appEvent.statusChange({ appEvent: record, previous: 5 });
}

export function fieldShapeChecks(): void {
  const value: Class = "quote\"d";
  const option: Option = { none: [{ ...record, lookup: { a: [record] }, nested: { a: { b: 1 } } }] };
  void [value, option];
  // @ts-expect-error TS2322 a nested array of the wrong element type
  const badMatrix: Record_ = { ...record, matrix: [["1"]] };
  // @ts-expect-error TS2322 a map of maps of numbers
  const badNested: Record_ = { ...record, nested: { a: { b: "1" } } };
  // @ts-expect-error TS2741 a required field
  const missing: Option = {};
  void [badMatrix, badNested, missing];
}

export function socketIoChecks(): void {
  io.of("/workspace-1").emit("company-1-app-event", appEventPayload);
  // @ts-expect-error TS2345 the camelCase spelling of a hyphenated event
  io.of("/workspace-1").emit("company-1-appEvent", appEventPayload);
  client.emit("room:join", { room: "for", type: "Ünïcödé", self: 1 });
  // @ts-expect-error TS2322 a room clients may not join
  client.emit("room:join", { room: "in-queue", queueId: "q" });
}

export function hookChecks(): void {
  useAppEventEvents(client, { typeof: (payload) => void payload.appEventId, reOpen: (payload) => void payload.reason });
  useQuickMessageEvents(client, { customThing: (payload) => void payload.payload });
  // @ts-expect-error TS2353 handler keys are camelCase
  useAppEventEvents(client, { "re-open": () => {} });
}

// @vitest-environment node
// Server-side rendering of components that use every kind of generated hook, with React 19 and
// 18's react-dom/server: no warning (React 18 warns about useLayoutEffect on the server), no
// socket opened, and the hooks' first state.
import { useLayoutEffect } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  useCompanySocket,
  useNotificationRoom,
  useTicketEvents,
  useTicketRoom,
} from "../../generated/chatia/frontend/src/hooks/socketEvents";
import { reactMajor } from "./render-version";

function Screen() {
  const { socket, status } = useCompanySocket("http://127.0.0.1:9", 1, "token-1");
  useTicketEvents(socket, () => {});
  const ticket = useTicketRoom(socket, 5);
  const notification = useNotificationRoom(socket);
  return <p>{`${status} ${ticket.status} ${notification.status}`}</p>;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe(`server-side rendering with React ${reactMajor}`, () => {
  it("renders the first state without a warning", () => {
    const error = vi.spyOn(console, "error");
    const warn = vi.spyOn(console, "warn");
    expect(renderToString(<Screen />)).toBe("<p>idle idle idle</p>");
    expect(error.mock.calls).toEqual([]);
    expect(warn.mock.calls).toEqual([]);
  });

  it("would catch the warning: a bare useLayoutEffect warns under React 18", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    function Bare() {
      useLayoutEffect(() => {});
      return null;
    }
    renderToString(<Bare />);
    const warned = error.mock.calls.some((call) => String(call[0]).includes("useLayoutEffect does nothing on the server"));
    expect(warned).toBe(reactMajor === "18");
  });
});

// Mounting components for the React tests with `react-dom/client` and `act` only, so that the
// same tests run under React 19 and React 18 (vitest projects `react19` and `react18`, the
// latter mapping `react` and `react-dom` to the react18 workspace): Testing Library would load
// the harness's React 19 under both.
import { act, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

export interface Mounted {
  container: HTMLElement;
  rerender(ui: ReactNode): void;
  unmount(): void;
}

const mounted = new Set<() => void>();

export function render(ui: ReactNode): Mounted {
  const container = document.body.appendChild(document.createElement("div"));
  const root: Root = createRoot(container);
  act(() => root.render(ui));
  const unmount = () => {
    if (mounted.delete(unmount)) {
      act(() => root.unmount());
      container.remove();
    }
  };
  mounted.add(unmount);
  return { container, rerender: (next) => act(() => root.render(next)), unmount };
}

/** Unmounts everything `render` mounted. */
export function cleanup(): void {
  for (const unmount of [...mounted]) {
    unmount();
  }
}

/**
 * Waits until `condition` holds, letting React render in between: state updates from socket
 * events are flushed when each `act` ends, not inside it.
 */
export async function settle(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await pause(5);
    if (condition()) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
  }
}

/** Lets pending socket traffic and effects happen, inside `act`. */
export async function pause(ms: number): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

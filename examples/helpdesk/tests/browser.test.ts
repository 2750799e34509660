// The example app in a real browser: Debian's chromium driven by playwright-core, three agents
// side by side (two of company A, one of company B), against the example server started here.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const artefacts = join(root, "test-results");
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const companyBContacts = ["Lucas Rocha", "Julia Costa", "Rafael Dias"];

interface Agent {
  name: string;
  email: string;
  context: BrowserContext;
  page: Page;
  /** Every Socket.IO frame the page received: WebSocket frames and long-polling responses. */
  frames: string[];
}

let port = 0;
let server: ChildProcess | undefined;
let browser: Browser | undefined;
const agents: Agent[] = [];
let failed = false;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  await bounded(
    new Promise<void>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`the example server exited with ${code}`)));
      // The line may arrive in pieces.
      child.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("helpdesk on")) resolve();
      });
    }),
    15_000,
    () => `the example server did not start within 15 s; it printed: ${output}`,
  );
  return child;
}

async function stopServer(): Promise<void> {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await bounded(exited, 5_000, () => {
    child.kill("SIGKILL");
    return "the example server did not exit within 5 s of SIGTERM";
  });
}

/** `promise`, or an error saying what did not happen once `ms` have passed. */
async function bounded<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what())), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on("websocket", (socket) => {
    socket.on("framereceived", (frame) => frames.push(String(frame.payload)));
  });
  page.on("response", (response) => {
    if (response.url().includes("/socket.io/")) {
      response.text().then((text) => frames.push(text), () => undefined);
    }
  });
  return frames;
}

async function openAgent(name: string, email: string, query = ""): Promise<Agent> {
  const context = await browser!.newContext({ viewport: { width: 1100, height: 700 } });
  await context.tracing.start({ screenshots: true, snapshots: true });
  const page = await context.newPage();
  const frames = recordFrames(page);
  await page.goto(`http://127.0.0.1:${port}/${query}`);
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", "demo");
  await page.click("button[type=submit]");
  const agent = { name, email, context, page, frames };
  agents.push(agent);
  return agent;
}

async function connectionIs(agent: Agent, status: string, timeout = 10_000): Promise<void> {
  await agent.page.locator(`[data-testid="connection"][data-status="${status}"]`).waitFor({ timeout });
}

async function roomIs(agent: Agent, testId: string, status: string, timeout = 5_000): Promise<void> {
  await agent.page.locator(`[data-testid="${testId}"][data-status="${status}"]`).waitFor({ timeout });
}

function ticketItem(agent: Agent, id: number) {
  return agent.page.locator(`[data-testid="ticket-${id}"]`);
}

async function eventsApplied(agent: Agent, id: number): Promise<number> {
  return Number(await ticketItem(agent, id).getAttribute("data-events"));
}

/** The REST API as one agent, as the example's own page calls it. */
async function apiAs(email: string) {
  const login = await fetch(`http://127.0.0.1:${port}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "demo" }),
  });
  const { token } = (await login.json()) as { token: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(response.ok, `${method} ${path}: ${response.status}`);
    return (await response.json()) as T;
  };
}

function assertNoFrameContains(agent: Agent, needles: readonly string[]): void {
  for (const needle of needles) {
    const leaked = agent.frames.find((frame) => frame.includes(needle));
    assert.equal(leaked, undefined, `${agent.name} received a frame with "${needle}": ${leaked}`);
  }
}

/** Waits until the page's count of ticket events applied to `id` stays put for `quietMs`. */
async function settledCount(agent: Agent, id: number, quietMs = 1_000): Promise<number> {
  let last = await eventsApplied(agent, id);
  for (let waited = 0; waited < quietMs; waited += 100) {
    await agent.page.waitForTimeout(100);
    const now = await eventsApplied(agent, id);
    if (now !== last) {
      last = now;
      waited = 0;
    }
  }
  return last;
}

/** A test step that marks the run failed, so that `after` keeps the traces. */
function step(name: string, body: () => Promise<void>): void {
  it(name, { timeout: 60_000 }, async () => {
    try {
      await body();
    } catch (error) {
      failed = true;
      throw error;
    }
  });
}

describe("the helpdesk example in chromium", () => {
  let ana: Agent;
  let bruno: Agent;
  let carla: Agent;
  const run = Math.random().toString(36).slice(2, 8);

  before(async () => {
    assert.ok(existsSync(executablePath), `no chromium at ${executablePath}: install Debian's chromium or set CHROMIUM_PATH`);
    assert.ok(existsSync(join(root, "dist", "index.html")), "the page is not built: run `npm run build` first");
    rmSync(artefacts, { recursive: true, force: true });
    port = await freePort();
    server = await startServer();
    browser = await chromium.launch({ executablePath, args: ["--disable-dev-shm-usage"] });
    [ana, bruno, carla] = await Promise.all([
      openAgent("ana (A)", "ana@acme.test"),
      openAgent("bruno (A)", "bruno@acme.test"),
      openAgent("carla (B)", "carla@globex.test"),
    ]);
    await Promise.all([ana, bruno, carla].map((agent) => connectionIs(agent, "connected")));
    await Promise.all([ana, bruno, carla].map((agent) => roomIs(agent, "tab-room", "joined")));
  });

  after(async () => {
    mkdirSync(artefacts, { recursive: true });
    for (const agent of agents) {
      const file = agent.name.replace(/\W+/g, "-").replace(/-$/, "");
      await agent.page.screenshot({ path: join(artefacts, `${file}.png`), fullPage: true }).catch(() => undefined);
      await agent.context.tracing.stop(failed ? { path: join(artefacts, `${file}-trace.zip`) } : {});
      await agent.context.close();
    }
    await browser?.close();
    await stopServer();
  });

  step("a ticket created through A's API shows on both of A's pages within a second, and never on B's", async () => {
    const api = await apiAs(ana.email);
    const contactName = `Lead ${run}`;
    const started = performance.now();
    const { ticket } = await api<{ ticket: { id: number } }>("POST", "/api/tickets", { contactName });
    await Promise.all([ana, bruno].map((agent) => ticketItem(agent, ticket.id).waitFor({ timeout: 1_000 })));
    console.log(`ticket ${ticket.id} on both of A's pages after ${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(await ticketItem(ana, ticket.id).locator(".contact").textContent(), contactName);
    await carla.page.waitForTimeout(300);
    assert.equal(await ticketItem(carla, ticket.id).count(), 0);
    assert.equal(await carla.page.getByText(contactName).count(), 0);
    assert.ok(ana.frames.some((frame) => frame.includes(contactName)), "the recorder sees the frames it searches B's for");
    assertNoFrameContains(carla, [contactName, "company-1-", '"companyId":1,']);
  });

  step("an update, a move from tab to tab and a delete reach A's pages, each applied once", async () => {
    const api = await apiAs(ana.email);
    const { ticket } = await api<{ ticket: { id: number } }>("POST", "/api/tickets", { contactName: `Moving ${run}` });
    await Promise.all([ana, bruno].map((agent) => ticketItem(agent, ticket.id).waitFor({ timeout: 1_000 })));

    await api("PATCH", `/api/tickets/${ticket.id}`, { lastMessage: `updated ${run}` });
    for (const agent of [ana, bruno]) {
      await ticketItem(agent, ticket.id).getByText(`updated ${run}`).waitFor({ timeout: 1_000 });
      assert.equal(await eventsApplied(agent, ticket.id), 2, `${agent.name}: create and update, once each`);
    }

    await bruno.page.click('[data-testid="tab-pending"]');
    await roomIs(bruno, "tab-room", "joined");
    await api("POST", `/api/tickets/${ticket.id}/status`, { status: "pending" });
    await ticketItem(ana, ticket.id).waitFor({ state: "detached", timeout: 1_000 });
    await ticketItem(bruno, ticket.id).waitFor({ timeout: 1_000 });

    await api("DELETE", `/api/tickets/${ticket.id}`);
    await ticketItem(bruno, ticket.id).waitFor({ state: "detached", timeout: 1_000 });
    await bruno.page.click('[data-testid="tab-open"]');
    await roomIs(bruno, "tab-room", "joined");
    assertNoFrameContains(carla, [`Moving ${run}`, `updated ${run}`, "company-1-"]);
  });

  step("a message reaches only the pages in its ticket's room, and typing shows for the other agent only", async () => {
    const api = await apiAs(ana.email);
    const { ticket } = await api<{ ticket: { id: number } }>("POST", "/api/tickets", { contactName: `Chat ${run}` });
    await Promise.all([ana, bruno].map((agent) => ticketItem(agent, ticket.id).waitFor({ timeout: 1_000 })));
    await ticketItem(ana, ticket.id).click();
    await roomIs(ana, "ticket-room", "joined");
    await ana.page.getByTestId("read-receipt").getByText("read, 0 unread").waitFor({ timeout: 2_000 });

    const body = `hello from the customer ${run}`;
    await api("POST", `/api/tickets/${ticket.id}/messages`, { body, fromMe: false });
    await ana.page.getByTestId("message").getByText(body).waitFor({ timeout: 1_000 });
    await bruno.page.waitForTimeout(300);
    assertNoFrameContains(bruno, [body]);
    assertNoFrameContains(carla, [body]);

    await ticketItem(bruno, ticket.id).click();
    await roomIs(bruno, "ticket-room", "joined");
    await bruno.page.getByTestId("composer").pressSequentially("on it", { delay: 20 });
    await ana.page.getByTestId("typing").getByText("Bruno is typing…").waitFor({ timeout: 1_000 });
    assert.equal(await bruno.page.getByTestId("typing").textContent(), "", "an agent does not see their own typing");
    await ana.page.getByTestId("typing").getByText("Bruno is typing…").waitFor({ state: "detached", timeout: 4_000 });
    assertNoFrameContains(carla, ["company-1-typing"]);
  });

  step("a token of company A cannot open company B's namespace", async () => {
    const intruder = await openAgent("ana at B's door", ana.email, "?workspace=2");
    await connectionIs(intruder, "refused");
    assert.match((await intruder.page.getByTestId("connection").textContent()) ?? "", /forbidden/);
    await intruder.page.waitForTimeout(300);
    assertNoFrameContains(intruder, ["company-2-", ...companyBContacts]);
  });

  step("after a server restart the pages reconnect, re-join their rooms and receive again, each event once", async () => {
    const seeded = 1; // Maria Souza's ticket of company A: the store seeds it again on every start.
    for (const agent of [ana, bruno]) {
      await ticketItem(agent, seeded).click();
      await roomIs(agent, "ticket-room", "joined");
    }
    await stopServer();
    await Promise.all([ana, bruno, carla].map((agent) => connectionIs(agent, "reconnecting", 5_000)));
    server = await startServer();
    await Promise.all([ana, bruno, carla].map((agent) => connectionIs(agent, "connected", 15_000)));
    for (const agent of [ana, bruno]) {
      await agent.page.locator('[data-testid="resyncs"]:not([data-count="0"])').waitFor({ timeout: 2_000 });
      await roomIs(agent, "ticket-room", "joined");
    }

    const api = await apiAs(ana.email);
    const body = `after the restart ${run}`;
    await api("POST", `/api/tickets/${seeded}/messages`, { body });
    await Promise.all([ana, bruno].map((agent) => agent.page.getByTestId("message").getByText(body).waitFor({ timeout: 2_000 })));

    const before = await Promise.all([ana, bruno].map((agent) => settledCount(agent, seeded)));
    await api("PATCH", `/api/tickets/${seeded}`, { lastMessage: `edited ${run}` });
    for (const [index, agent] of [ana, bruno].entries()) {
      await ticketItem(agent, seeded).getByText(`edited ${run}`).waitFor({ timeout: 1_000 });
      assert.equal(await settledCount(agent, seeded, 500), before[index]! + 1, `${agent.name} applied the update once`);
    }
    assert.equal(await ticketItem(carla, seeded).count(), 0);
    assertNoFrameContains(carla, [body, `edited ${run}`, "company-1-"]);
  });
});

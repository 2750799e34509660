// Every Mermaid block of the generated WEBSOCKET.md files is parsed by mermaid itself, and so is
// every block of a document generated from catalog text made to look like Mermaid syntax.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import mermaid from "mermaid";
import { describe, expect, it } from "vitest";

import { docsFiles, fencedBlocks } from "./markdown";

mermaid.initialize({ startOnLoad: false });

/** The WEBSOCKET.md of hostile/socket-events.yaml, written by the binary scripts/test.sh builds. */
function hostileDocs(): { name: string; text: string } {
  const binary = join(import.meta.dirname, "..", "..", "..", "target", "debug", "chatia-socket");
  const catalog = join(import.meta.dirname, "hostile", "socket-events.yaml");
  const out = mkdtempSync(join(tmpdir(), "chatia-hostile-docs-"));
  execFileSync(binary, ["docs", "--catalog", catalog, "--out-dir", out]);
  return { name: "tests/docs/hostile/WEBSOCKET.md", text: readFileSync(join(out, "WEBSOCKET.md"), "utf8") };
}

const files = docsFiles();
const hostile = hostileDocs();

/** Headings of one level and kind: `## Event …` or `## Client event …`. */
function count(text: string, prefix: string): number {
  return text.split("\n").filter((line) => line.startsWith(prefix)).length;
}

describe("generated WEBSOCKET.md", () => {
  it("exists for the harness catalogs and the committed example", () => {
    expect(files.map((f) => f.name).sort()).toEqual([
      "../fixtures/chatia/docs/backend/WEBSOCKET.md",
      "generated/awkward/out/WEBSOCKET.md",
      "generated/chatia/docs/backend/WEBSOCKET.md",
      "generated/cluster/WEBSOCKET.md",
      "generated/edge/WEBSOCKET.md",
    ]);
  });

  for (const file of [...files, hostile]) {
    const diagrams = fencedBlocks(file.text).filter((b) => b.info === "mermaid");

    it(`${file.name}: one sequence diagram for the connection, one per event and one per client event`, () => {
      const events = count(file.text, "## Event ");
      const clientEvents = count(file.text, "## Client event `");
      expect(events).toBeGreaterThan(0);
      expect(diagrams.length).toBe(1 + events + clientEvents);
      const clientDiagrams = diagrams.filter((d) => d.section.startsWith("client-events/"));
      expect(clientDiagrams.length).toBe(clientEvents);
    });

    it(`${file.name}: every diagram parses`, async () => {
      for (const diagram of diagrams) {
        const result = await mermaid.parse(diagram.code);
        expect(result, `${diagram.heading}:\n${diagram.code}`).toMatchObject({ diagramType: "sequence" });
      }
    });
  }

  it("the hostile catalog reaches the client-event diagrams", () => {
    const clientDiagrams = fencedBlocks(hostile.text).filter((b) => b.section.startsWith("client-events/"));
    expect(clientDiagrams.map((d) => d.section)).toEqual([
      "client-events/desk:open.end",
      "client-events/note:write-else.end",
      "client-events/desk:close",
    ]);
    for (const diagram of clientDiagrams) {
      expect(diagram.code).toContain("alt over the limit");
      expect(diagram.code).toContain("#59;");
    }
  });

  it("the parser does reject a broken diagram", async () => {
    for (const diagram of fencedBlocks(files[0]!.text).filter((b) => b.info === "mermaid")) {
      const unclosed = diagram.code.replace(/\n\s*end\s*$/, "");
      expect(unclosed).not.toBe(diagram.code);
      await expect(mermaid.parse(unclosed)).rejects.toThrow();
    }
  });
});

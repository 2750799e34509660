// Every Mermaid block of the generated WEBSOCKET.md files is parsed by mermaid itself.
import mermaid from "mermaid";
import { describe, expect, it } from "vitest";

import { docsFiles, fencedBlocks } from "./markdown";

mermaid.initialize({ startOnLoad: false });

const files = docsFiles();

describe("generated WEBSOCKET.md", () => {
  it("exists for the harness catalogs and the committed example", () => {
    expect(files.map((f) => f.name).sort()).toEqual([
      "../fixtures/chatia/docs/backend/WEBSOCKET.md",
      "generated/awkward/out/WEBSOCKET.md",
      "generated/chatia/docs/backend/WEBSOCKET.md",
      "generated/edge/WEBSOCKET.md",
    ]);
  });

  for (const file of files) {
    const diagrams = fencedBlocks(file.text).filter((b) => b.info === "mermaid");

    it(`${file.name}: one sequence diagram for the connection and one per event`, () => {
      const events = file.text.split("\n").filter((line) => line.startsWith("## Event ")).length;
      expect(events).toBeGreaterThan(0);
      expect(diagrams.length).toBe(events + 1);
    });

    it(`${file.name}: every diagram parses`, async () => {
      for (const diagram of diagrams) {
        const result = await mermaid.parse(diagram.code);
        expect(result, `${diagram.heading}:\n${diagram.code}`).toMatchObject({ diagramType: "sequence" });
      }
    });
  }

  it("the parser does reject a broken diagram", async () => {
    const diagram = fencedBlocks(files[0]!.text).find((b) => b.info === "mermaid")!;
    const unclosed = diagram.code.replace(/\n\s*end\s*$/, "");
    expect(unclosed).not.toBe(diagram.code);
    await expect(mermaid.parse(unclosed)).rejects.toThrow();
  });
});

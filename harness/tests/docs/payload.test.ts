// Each event's payload block in WEBSOCKET.md is complete: it type-checks on its own under
// `--strict`, and declares the event's payload union.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

import { docsFiles, fencedBlocks } from "./markdown";

describe("payload blocks of WEBSOCKET.md", () => {
  for (const file of docsFiles()) {
    it(`${file.name}: every payload block compiles alone`, () => {
      const payloads = fencedBlocks(file.text).filter((b) => b.heading === "Payload");
      const events = file.text.split("\n").filter((line) => line.startsWith("## Event ")).length;
      expect(payloads.length).toBe(events);
      const dir = mkdtempSync(join(tmpdir(), "chatia-docs-"));
      const paths = payloads.map((block, i) => {
        expect(block.info).toBe("ts");
        expect(block.code).toMatch(/export type \w+Payload =/);
        const path = join(dir, `payload${i}.ts`);
        writeFileSync(path, block.code);
        return path;
      });
      // Each file is a module of its own, so one program checks them all separately.
      const program = ts.createProgram(paths, { strict: true, noEmit: true, skipLibCheck: true, types: [] });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
      expect(problems).toEqual([]);
    });
  }
});

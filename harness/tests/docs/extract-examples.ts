// Writes the code examples of each generated WEBSOCKET.md as files the compilers check (see
// examples.ts): TypeScript for `tsc -p tsconfig.json`, Rust for the harness crate.
//
//   npx vite-node tests/docs/extract-examples.ts   (from harness/, after chatia-socket gen)
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

import { CATALOGS, absolute, catalogExamples, examplesDir } from "./examples";

for (const [catalog, languages] of Object.entries(CATALOGS)) {
  const examples = catalogExamples(catalog, languages);
  rmSync(examplesDir(catalog), { recursive: true, force: true });
  for (const file of [...examples.files, ...examples.modules]) {
    mkdirSync(dirname(absolute(file.path)), { recursive: true });
    writeFileSync(absolute(file.path), file.text);
  }
  console.log(`${examples.doc}: ${examples.files.length} examples (${languages.join(", ")})`);
}

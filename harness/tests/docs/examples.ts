// The code examples of a generated WEBSOCKET.md, as files the compilers check.
//
// Each TypeScript or TSX block (the payload blocks aside: payload.test.ts compiles those alone)
// becomes generated/<catalog>/doc-examples/<section>-node.ts or <section>-react.tsx (the Node
// examples are TypeScript, the React ones TSX), which `tsc -p tsconfig.json`
// checks together with the generated modules. Each Rust block becomes a module of
// generated/<catalog>/doc-examples/rust/, which the harness crate compiles against the generated
// Rust module (harness/rust/src/lib.rs).
//
// A block is written as it stands, below one comment line saying where it comes from, with one
// change: the examples name the generated modules as the application would, by their path in the
// catalog's `outputs` (`from "backend/src/libs/socket/emitters"`, `use crate::socket_events::…`),
// and that name becomes where the harness keeps the generated file
// (`from "../backend/src/libs/socket/emitters"`, `use crate::chatia::…`). Nothing is declared
// around the code: an example using a name it neither defines nor imports does not compile.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, posix, relative, sep } from "node:path";

import { fencedBlocks, type Fenced } from "./markdown";

export const harness = join(import.meta.dirname, "..", "..");

export type Language = "ts" | "rust";

/**
 * The catalogs under generated/ whose examples are compiled, and in which languages: the Rust
 * ones need the catalog's module in harness/rust/src/lib.rs, named like the catalog's folder.
 */
export const CATALOGS: Readonly<Record<string, readonly Language[]>> = {
  chatia: ["ts", "rust"],
  awkward: ["ts", "rust"],
  // Generated for Rust only: its names that clash with the generated API's.
  edge: ["rust"],
};

export interface ExampleFile {
  /** Relative to the harness, `/`-separated. */
  path: string;
  text: string;
  /** The block it holds, as the document shows it. */
  block: Fenced;
}

export interface CatalogExamples {
  catalog: string;
  /** The WEBSOCKET.md, relative to the harness. */
  doc: string;
  /** The example files, and for Rust the `mod.rs` that declares them. */
  files: ExampleFile[];
  modules: { path: string; text: string }[];
}

/** Where a catalog's examples are written. */
export function examplesDir(catalog: string): string {
  return join(harness, "generated", catalog, "doc-examples");
}

/** `import … from "x";` on one line: the form the examples use. */
export const IMPORT = /^(import\b.*\bfrom\s+)"([^"]+)"(;\s*)$/;

const EXTENSIONS = [".ts", ".tsx"];

function toHarness(path: string): string {
  return relative(harness, path).split(sep).join("/");
}

function walk(dir: string, skip: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (path === skip) continue;
    if (statSync(path).isDirectory()) found.push(...walk(path, skip));
    else found.push(path);
  }
  return found;
}

/** The generated file a specifier names, read as the catalog's outputs are: from the catalog's folder. */
export function generatedModule(catalog: string, specifier: string): string | undefined {
  const root = join(harness, "generated", catalog);
  return EXTENSIONS.map((ext) => join(root, specifier + ext)).find((path) => existsSync(path));
}

/** A specifier for `target` as seen from a file in `fromDir`: relative, without the extension. */
function relativeSpecifier(fromDir: string, target: string): string {
  const path = relative(fromDir, target).split(sep).join(posix.sep).replace(/\.tsx?$/, "");
  return path.startsWith(".") ? path : `./${path}`;
}

/** The block's code with each import of a generated module pointed at the generated file. */
function resolveImports(catalog: string, code: string, fromDir: string): string {
  return code
    .split("\n")
    .map((line) => {
      const match = IMPORT.exec(line);
      const target = match && generatedModule(catalog, match[2]!);
      return match && target ? `${match[1]}"${relativeSpecifier(fromDir, target)}"${match[3]}` : line;
    })
    .join("\n");
}

/** The module path the Rust examples use for the generated module (`socket_events`), and the harness crate's. */
export function rustModules(catalog: string): { stem: string; harnessModule: string } {
  const root = join(harness, "generated", catalog);
  const files = walk(root, examplesDir(catalog)).filter((path) => path.endsWith(".rs"));
  if (files.length !== 1) {
    throw new Error(`expected one generated Rust module under ${toHarness(root)}, found ${files.length}`);
  }
  // harness/rust/src/lib.rs declares each catalog's generated module under the catalog's folder name.
  return { stem: basename(files[0]!, ".rs"), harnessModule: catalog };
}

function slug(section: string): string {
  return section.replace(/\//g, "-").replace(/[^A-Za-z0-9_-]/g, "_");
}

function claim(taken: Set<string>, wanted: string, separator = "-"): string {
  let name = wanted;
  for (let n = 2; taken.has(name); n += 1) name = `${wanted}${separator}${n}`;
  taken.add(name);
  return name;
}

/** The examples of one catalog's WEBSOCKET.md, in the languages asked for. */
export function catalogExamples(catalog: string, languages: readonly Language[]): CatalogExamples {
  const root = join(harness, "generated", catalog);
  const docs = walk(root, examplesDir(catalog)).filter((path) => basename(path) === "WEBSOCKET.md");
  if (docs.length !== 1) {
    throw new Error(`expected one WEBSOCKET.md under ${toHarness(root)}, found ${docs.length}`);
  }
  const doc = docs[0]!;
  const blocks = fencedBlocks(readFileSync(doc, "utf8")).filter((b) => b.heading !== "Payload");
  const dir = examplesDir(catalog);
  const rustDir = join(dir, "rust");
  const taken = new Set<string>();
  const files: ExampleFile[] = [];
  const rustNames: string[] = [];
  const origin = (block: Fenced) =>
    `Extracted by harness/tests/docs/extract-examples.ts from ${toHarness(doc)}, section ${block.section};` +
    " only the paths of the generated modules differ.";
  for (const block of blocks) {
    if ((block.info === "ts" || block.info === "tsx") && languages.includes("ts")) {
      // Base names differ by more than the extension: of `a.ts` and `a.tsx`, tsc includes only one.
      const side = block.info === "ts" ? "node" : "react";
      const name = `${claim(taken, `${slug(block.section)}-${side}`)}.${block.info}`;
      const path = join(dir, name);
      const text = `// ${origin(block)}\n${resolveImports(catalog, block.code, dir)}\n`;
      files.push({ path: toHarness(path), text, block });
    } else if (block.info === "rust" && languages.includes("rust")) {
      const { stem, harnessModule } = rustModules(catalog);
      const name = claim(taken, slug(block.section).toLowerCase().replace(/-/g, "_"), "_");
      rustNames.push(name);
      const code = block.code.replace(new RegExp(`\\bcrate::${stem}\\b`, "g"), `crate::${harnessModule}`);
      files.push({ path: toHarness(join(rustDir, `${name}.rs`)), text: `// ${origin(block)}\n${code}\n`, block });
    }
  }
  const modules = [];
  if (languages.includes("rust")) {
    const lines = [
      `// Extracted by harness/tests/docs/extract-examples.ts: the Rust examples of ${toHarness(doc)}, one module each.`,
      ...rustNames.map((name) => `pub mod ${name};`),
      "",
    ];
    modules.push({ path: toHarness(join(rustDir, "mod.rs")), text: lines.join("\n") });
  }
  return { catalog, doc: toHarness(doc), files, modules };
}

/** Every file under a catalog's examples folder, relative to the harness. */
export function writtenFiles(catalog: string): string[] {
  const dir = examplesDir(catalog);
  return existsSync(dir) ? walk(dir, "").map(toHarness).sort() : [];
}

/** The harness path of a file, as an absolute path. */
export function absolute(path: string): string {
  return join(harness, ...path.split("/"));
}

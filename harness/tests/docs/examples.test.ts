// The code examples of the generated WEBSOCKET.md files compile against the generated code.
//
// scripts/test.sh writes them as files (extract-examples.ts) before `tsc -p tsconfig.json` and the
// harness crate compile them. These tests make that proof hold: the files on disk are the
// current examples, each is its block verbatim except for the paths of the generated modules,
// nothing is skipped, the TypeScript ones compile here too under the harness's options, and that
// compile rejects the wrong spellings the examples once had.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

import {
  CATALOGS,
  IMPORT,
  absolute,
  catalogExamples,
  generatedModule,
  harness,
  rustModules,
  writtenFiles,
  type ExampleFile,
} from "./examples";
import { fencedBlocks } from "./markdown";

function compilerOptions(): ts.CompilerOptions {
  const path = resolve(harness, "tsconfig.json");
  const config = ts.readConfigFile(path, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config.config, ts.sys, harness).options;
}

/** Diagnostics of a program over `files`; `overrides` replaces the text of some of them. */
function diagnostics(files: string[], overrides: Map<string, string> = new Map()): ts.Diagnostic[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => overrides.get(resolve(name)) ?? read(name);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, create) => {
    const text = overrides.get(resolve(name));
    return text === undefined ? getSourceFile(name, language, onError, create) : ts.createSourceFile(name, text, language);
  };
  return [...ts.getPreEmitDiagnostics(ts.createProgram(files, options, host))];
}

function describeDiagnostic(d: ts.Diagnostic): string {
  const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
  const place = d.file ? `${d.file.fileName}${where ? `:${where.line + 1}` : ""}` : "";
  return `${place} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
}

/** The lines of an example file after its one-line origin comment. */
function body(file: ExampleFile): string[] {
  const lines = file.text.split("\n");
  expect(lines[0]).toMatch(/^\/\/ Extracted by harness\/tests\/docs\/extract-examples\.ts from /);
  expect(lines.at(-1)).toBe("");
  return lines.slice(1, -1);
}

const extracted = Object.entries(CATALOGS).map(([catalog, languages]) => catalogExamples(catalog, languages));

describe.each(extracted)("examples of $doc", (examples) => {
  const { catalog } = examples;
  const languages = CATALOGS[catalog]!;
  const tsFiles = examples.files.filter((f) => /\.tsx?$/.test(f.path));
  const rustFiles = examples.files.filter((f) => f.path.endsWith(".rs"));

  it("are the files tsc and the harness crate compiled: written from the current document, none missing or stale", () => {
    const expected = [...examples.files, ...examples.modules].map((f) => f.path).sort();
    expect(writtenFiles(catalog)).toEqual(expected);
    for (const file of [...examples.files, ...examples.modules]) {
      expect(readFileSync(absolute(file.path), "utf8"), file.path).toBe(file.text);
    }
  });

  it("leave out no code block of their languages: every TypeScript, TSX or Rust block but the payload types", () => {
    const markdown = readFileSync(absolute(examples.doc), "utf8");
    const events = markdown.split("\n").filter((line) => line.startsWith("## Event ")).length;
    const code = fencedBlocks(markdown).filter((b) => ["ts", "tsx", "rust"].includes(b.info));
    const payloads = code.filter((b) => b.heading === "Payload");
    expect(events).toBeGreaterThan(0);
    expect(payloads.length).toBe(events);
    // The connection: a Node setup, a Rust setup and a React client; per event: Node, Rust, React.
    expect(code.length - payloads.length).toBe(3 + 3 * events);
    expect(tsFiles.length).toBe(languages.includes("ts") ? 2 + 2 * events : 0);
    expect(rustFiles.length).toBe(languages.includes("rust") ? 1 + events : 0);
  });

  it("are each block as the document shows it, but for the paths of the generated modules", () => {
    const { stem, harnessModule } = rustModules(catalog);
    for (const file of examples.files) {
      const shown = file.block.code.split("\n");
      const compiled = body(file);
      expect(compiled.length, file.path).toBe(shown.length);
      compiled.forEach((line, i) => {
        const original = shown[i]!;
        if (line === original) return;
        if (file.path.endsWith(".rs")) {
          expect(original, `${file.path}:${i + 2}`).toContain(`crate::${stem}::`);
          expect(line).toBe(original.replaceAll(`crate::${stem}::`, `crate::${harnessModule}::`));
          return;
        }
        // An import of a generated module, named by its output path, now reaches the same file.
        const [docImport, fileImport] = [IMPORT.exec(original), IMPORT.exec(line)];
        expect(docImport && fileImport, `${file.path}:${i + 2} differs: ${line}`).toBeTruthy();
        expect(fileImport![1]).toBe(docImport![1]);
        const target = generatedModule(catalog, docImport![2]!);
        expect(target, `${docImport![2]} names a generated file`).toBeDefined();
        const reached = resolve(dirname(absolute(file.path)), fileImport![2]!);
        expect(target!.replace(/\.tsx?$/, "")).toBe(reached);
      });
    }
  });

  if (languages.includes("ts")) {
    it("are all in the program `tsc -p tsconfig.json` checks", () => {
      const config = ts.readConfigFile(resolve(harness, "tsconfig.json"), ts.sys.readFile);
      const program = new Set(ts.parseJsonConfigFileContent(config.config, ts.sys, harness).fileNames.map((f) => resolve(f)));
      const missing = tsFiles.map((f) => absolute(f.path)).filter((path) => !program.has(path));
      expect(missing).toEqual([]);
    });

    it("compile with the generated modules under the harness's strict options", () => {
      const problems = diagnostics(tsFiles.map((f) => absolute(f.path))).map(describeDiagnostic);
      expect(tsFiles.length).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    });
  }
});

/** A mutation of one example that must not compile, with the error it must give. */
interface Wrong {
  catalog: string;
  file: string;
  what: string;
  from: string;
  to: string;
  code: number;
}

const wrongSpellings: Wrong[] = [
  {
    catalog: "chatia",
    file: "events-ticket-node.ts",
    what: "an action by its catalog name instead of the emitter's method",
    from: "emit.ticket.update(",
    to: 'emit.ticket["status-change"](',
    code: 2551,
  },
  {
    catalog: "awkward",
    file: "events-app-event-react.tsx",
    what: "a handler keyed by the catalog's action name",
    from: "statusChange: setLast,",
    to: '"status-change": setLast,',
    code: 2353,
  },
  {
    catalog: "awkward",
    file: "events-option-node.ts",
    what: "a room target for an event without rooms",
    from: "emit.option.update({ option });",
    to: 'emit.option.update({ option }, { room: "for", type: "new", self: 1 });',
    code: 2554,
  },
  {
    catalog: "awkward",
    file: "events-quickMessage-node.ts",
    what: "no room for an event that never goes to the whole company",
    from: 'emit.quickMessage.delete({ quickMessageId }, { room: "in-queue", queueId });',
    to: "emit.quickMessage.delete({ quickMessageId });",
    code: 2554,
  },
  {
    catalog: "awkward",
    file: "events-app-event-node.ts",
    what: "a room parameter from an entity field of another type",
    from: "type: type_,",
    to: "type: appEvent.type,",
    code: 2345,
  },
];

describe("the examples' type check", () => {
  it.each(wrongSpellings)("rejects $what ($catalog $file)", (wrong) => {
    const examples = extracted.find((e) => e.catalog === wrong.catalog)!;
    const file = examples.files.find((f) => f.path.endsWith(`/doc-examples/${wrong.file}`));
    expect(file, wrong.file).toBeDefined();
    expect(file!.text).toContain(wrong.from);
    const path = absolute(file!.path);
    const problems = diagnostics([path], new Map([[path, file!.text.replace(wrong.from, wrong.to)]]));
    expect(problems.map((d) => d.code), problems.map(describeDiagnostic).join("\n")).toContain(wrong.code);
  });
});

// The `*.typecheck.ts` files mark lines that must not compile with `// @ts-expect-error TSxxxx why`.
// tsc only checks that *some* error happens there; this test compiles each file again with the
// directives turned into plain comments and checks that every marked line fails with the code
// written next to it, and that no unmarked line fails: a wrong event name, action, room or missing
// field is refused for that reason, not for an unrelated one.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const harness = resolve(here, "../..");

function compilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(harness, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  });
  if (parsed === undefined) {
    throw new Error("cannot read tsconfig.json");
  }
  return parsed.options;
}

interface Expectation {
  /** 0-based line that must fail. */
  line: number;
  code: number;
  why: string;
}

/** The expectations of a file, and its text with the directives disarmed. */
function expectations(text: string): { expected: Expectation[]; disarmed: string } {
  const lines = text.split("\n");
  const expected: Expectation[] = [];
  const disarmed = lines.map((line, i) => {
    const match = /^(\s*)\/\/ @ts-expect-error TS(\d+) (.+)$/.exec(line);
    if (match === null) {
      return line;
    }
    expected.push({ line: i + 1, code: Number(match[2]), why: match[3]! });
    return `${match[1]}// expect TS${match[2]}: ${match[3]}`;
  });
  return { expected, disarmed: disarmed.join("\n") };
}

/** Errors by line of `file` when compiled with `text` in its place. */
function errorsByLine(file: string, text: string): Map<number, number[]> {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError) =>
    resolve(name) === file ? ts.createSourceFile(name, text, language, true) : getSourceFile(name, language, onError);
  const program = ts.createProgram([file], options, host);
  const errors = new Map<number, number[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    if (diagnostic.file === undefined || resolve(diagnostic.file.fileName) !== file || diagnostic.start === undefined) {
      throw new Error(`unexpected diagnostic: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`);
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    errors.set(line, [...(errors.get(line) ?? []), diagnostic.code]);
  }
  return errors;
}

describe.each(["chatia.typecheck.ts", "awkward.typecheck.ts", "client-events.typecheck.ts"])("%s", (name) => {
  it("fails exactly on the marked lines, each with its error code", () => {
    const file = join(here, name);
    const { expected, disarmed } = expectations(readFileSync(file, "utf8"));
    expect(expected.length).toBeGreaterThan(10);
    const errors = errorsByLine(file, disarmed);
    const found = expected.map(({ line, code, why }) => ({ why, code, line: line + 1, got: errors.get(line) ?? [] }));
    expect(found.filter(({ code, got }) => !got.includes(code))).toEqual([]);
    const marked = new Set(expected.map((e) => e.line));
    const unmarked = [...errors].filter(([line]) => !marked.has(line)).map(([line, codes]) => ({ line: line + 1, codes }));
    expect(unmarked).toEqual([]);
  }, 60_000);
});

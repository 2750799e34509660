// Reading the generated WEBSOCKET.md files: where they are, and their fenced code blocks.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const harness = join(import.meta.dirname, "..", "..");

/** Every WEBSOCKET.md that scripts/test.sh generated, plus the example committed in fixtures. */
export function docsFiles(): { name: string; text: string }[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry === "WEBSOCKET.md") found.push(path);
    }
  };
  const generated = join(harness, "generated");
  if (existsSync(generated)) walk(generated);
  found.push(join(harness, "..", "fixtures", "chatia", "docs", "backend", "WEBSOCKET.md"));
  return found.map((path) => ({ name: relative(harness, path), text: readFileSync(path, "utf8") }));
}

export interface Fenced {
  info: string;
  code: string;
  /** The closest heading above the block. */
  heading: string;
  /** The generated section holding the block (`connection`, `events/ticket`), or "" outside one. */
  section: string;
}

const BEGIN = /^<!-- chatia-socket:begin (\S+) -->\s*$/;
const END = /^<!-- chatia-socket:end (\S+) -->\s*$/;

/** Fenced code blocks as CommonMark reads them: a block closes on a fence at least as long. */
export function fencedBlocks(markdown: string): Fenced[] {
  const blocks: Fenced[] = [];
  let heading = "";
  let section = "";
  let open: { fence: string; info: string; lines: string[] } | null = null;
  for (const line of markdown.split(/\r?\n/)) {
    if (open) {
      const close = line.trim();
      if (close.length >= open.fence.length && close === open.fence[0]!.repeat(close.length)) {
        blocks.push({ info: open.info, code: open.lines.join("\n"), heading, section });
        open = null;
      } else {
        open.lines.push(line);
      }
      continue;
    }
    const start = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/.exec(line);
    if (start) open = { fence: start[1]!, info: start[2]!, lines: [] };
    else if (line.startsWith("#")) heading = line.replace(/^#+\s*/, "");
    else if (BEGIN.test(line)) section = BEGIN.exec(line)![1]!;
    else if (END.test(line)) section = "";
  }
  return blocks;
}

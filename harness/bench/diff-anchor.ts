// The diff corpus judged by @asyncapi/diff, the anchor of `chatia-socket diff`: both catalogs of
// each pair exported to AsyncAPI 3.0, parsed and dereferenced by @asyncapi/parser, then compared.
// Prints, per expected verdict of the corpus, how often @asyncapi/diff reports a breaking change.
//   cd harness && npx vite-node bench/diff-anchor.ts
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Parser } from "@asyncapi/parser";
import { diff } from "@asyncapi/diff";

const root = join(import.meta.dirname, "../..");
const binary = join(root, "target/debug/chatia-socket");
const corpus = join(root, "fixtures/diff");
const parser = new Parser();

async function dereferenced(catalog: string): Promise<unknown> {
  const text = execFileSync(binary, ["export", "asyncapi", "--catalog", catalog], { encoding: "utf8" });
  const { document, diagnostics } = await parser.parse(text);
  if (!document) throw new Error(`${catalog}: ${JSON.stringify(diagnostics)}`);
  return document.json();
}

const tally = { breaking: { pairs: 0, flagged: 0 }, compatible: { pairs: 0, flagged: 0 } };
const missed: string[] = [];
const failed: string[] = [];
for (const pair of readdirSync(corpus).sort()) {
  const expected = readFileSync(join(corpus, pair, "expected.txt"), "utf8");
  const exit = /^exit (\d)$/m.exec(expected)?.[1];
  if (exit !== "0" && exit !== "1") continue;
  const ours = exit === "1" ? "breaking" : "compatible";
  const [before, after] = await Promise.all(["old", "new"].map((side) => dereferenced(join(corpus, pair, `${side}.yaml`))));
  let flagged: boolean;
  try {
    flagged = diff(before as never, after as never).breaking().length > 0;
  } catch {
    // A recursive type dereferences into a cycle, which @asyncapi/diff cannot walk.
    failed.push(pair);
    continue;
  }
  tally[ours].pairs += 1;
  if (flagged) tally[ours].flagged += 1;
  if (ours === "breaking" && !flagged) missed.push(pair);
}
console.log(`pairs chatia-socket diff calls breaking: ${tally.breaking.pairs}; @asyncapi/diff reports a breaking change in ${tally.breaking.flagged}`);
console.log(`pairs chatia-socket diff calls compatible: ${tally.compatible.pairs}; @asyncapi/diff reports a breaking change in ${tally.compatible.flagged}`);
console.log(`breaking pairs @asyncapi/diff misses: ${missed.join(", ")}`);
console.log(`pairs @asyncapi/diff cannot compare (it overflows its stack): ${failed.length}: ${failed.join(", ")}`);

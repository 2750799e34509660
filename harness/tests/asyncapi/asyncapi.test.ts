// The AsyncAPI documents of `chatia-socket export asyncapi`, validated by the official parser
// (@asyncapi/parser, its default ruleset and AsyncAPI schema format): for each harness catalog and
// the hostile one, in JSON and in YAML, written by the binary scripts/test.sh builds.
import { execFileSync } from "node:child_process";
import { join } from "node:path";

import { DiagnosticSeverity, Parser } from "@asyncapi/parser";
import type { Diagnostic } from "@asyncapi/parser";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..");
const binary = join(root, "target", "debug", "chatia-socket");

const catalogs: Record<string, string> = {
  chatia: "fixtures/chatia/socket-events.yaml",
  awkward: "fixtures/catalogs/awkward/socket-events.yaml",
  cluster: "fixtures/catalogs/cluster/socket-events.yaml",
  hostile: "harness/tests/asyncapi/hostile/socket-events.yaml",
};

/**
 * The one diagnostic a document of AsyncAPI 3.0.0 gets, at severity information: the parser's
 * notice that a later version of the specification exists. Any other diagnostic fails the test.
 */
const LATEST_VERSION_NOTICE = "asyncapi-latest-version";

const parser = new Parser();

function exported(catalog: string, format: "json" | "yaml"): string {
  return execFileSync(binary, ["export", "asyncapi", "--catalog", join(root, catalog), "--format", format], {
    encoding: "utf8",
  });
}

function show(diagnostic: Diagnostic): string {
  return `${DiagnosticSeverity[diagnostic.severity]} ${String(diagnostic.code)} at ${diagnostic.path.join("/")}: ${diagnostic.message}`;
}

/** Every diagnostic but the latest-version notice, which must be information if it comes at all. */
function unexpected(diagnostics: Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => !(d.code === LATEST_VERSION_NOTICE && d.severity === DiagnosticSeverity.Information))
    .map(show);
}

for (const [name, catalog] of Object.entries(catalogs)) {
  describe(`export asyncapi of ${name}`, () => {
    for (const format of ["json", "yaml"] as const) {
      it(`${format}: no error, warning, information or hint but the latest-version notice`, async () => {
        const { document, diagnostics } = await parser.parse(exported(catalog, format));
        expect(unexpected(diagnostics)).toEqual([]);
        expect(document).toBeDefined();
      });
    }

    it("the parser reads one channel, a send per server event and a receive per client event", async () => {
      const text = exported(catalog, "json");
      const raw = JSON.parse(text) as {
        channels: { companyNamespace: { address: string; messages: Record<string, unknown> } };
      };
      const { document } = await parser.parse(text);
      if (!document) throw new Error("the document did not parse");
      const channel = document.channels().get("companyNamespace");
      expect(channel?.address()).toBe(raw.channels.companyNamespace.address);
      expect(channel?.parameters().get("companyId")).toBeDefined();
      const keys = Object.keys(raw.channels.companyNamespace.messages);
      const operations = document.operations().all();
      const sent = operations.filter((o) => o.isSend()).flatMap((o) => o.messages().all().map((m) => m.id()));
      const received = operations.filter((o) => o.isReceive()).flatMap((o) => o.messages().all().map((m) => m.id()));
      const replies = operations.flatMap((o) => o.reply()?.messages().all().map((m) => m.id()) ?? []);
      expect(sent.sort()).toEqual(keys.filter((k) => k.startsWith("server.")).sort());
      expect(received.sort()).toEqual(keys.filter((k) => k.startsWith("client.")).sort());
      expect(replies.sort()).toEqual(keys.filter((k) => k.startsWith("ack.")).sort());
      for (const operation of operations.filter((o) => o.isSend())) {
        const payload = operation.messages().all()[0]?.payload();
        expect(payload?.discriminator()).toBe("action");
        for (const branch of payload?.oneOf() ?? []) {
          expect(branch.properties()?.["action"]?.const()).toBeTypeOf("string");
          expect(branch.required()).toEqual(expect.arrayContaining(["action", "companyId", "userId", "timestamp"]));
        }
      }
    });
  });
}

describe("the validation is real", () => {
  it("a document whose operation names a message of no channel is an error", async () => {
    const document = JSON.parse(exported(catalogs["chatia"]!, "json")) as {
      operations: Record<string, { messages: { $ref: string }[] }>;
    };
    const first = Object.values(document.operations)[0]!;
    first.messages = [{ $ref: "#/components/messages/nowhere" }];
    const { diagnostics } = await parser.parse(JSON.stringify(document));
    expect(diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)).toBe(true);
  });

  it("a channel without its companyId parameter is an error", async () => {
    const document = JSON.parse(exported(catalogs["chatia"]!, "json")) as {
      channels: { companyNamespace: { parameters?: unknown } };
    };
    document.channels.companyNamespace.parameters = {};
    const { diagnostics } = await parser.parse(JSON.stringify(document));
    expect(diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map(show).join("\n")).toContain("companyId");
  });

  it("the hostile catalog's text reaches the parsed document unchanged, from JSON and from YAML", async () => {
    const fromJson = (await parser.parse(exported(catalogs["hostile"]!, "json"))).document;
    const fromYaml = (await parser.parse(exported(catalogs["hostile"]!, "yaml"))).document;
    if (!fromJson || !fromYaml) throw new Error("the document did not parse");
    expect(fromYaml.json()).toEqual(fromJson.json());
    const schemas = fromYaml.components().schemas();
    const mood = schemas.get("Mood");
    expect(mood?.description()).toBe('ends "here" */ </script><script>alert(1)</script> `${process.exit(1)}`');
    expect(mood?.enum()).toEqual(["0o17", "null", "yes", "- dash", "a: b", "</script>", "`tick`", "${x}", 'end"}]}', "#hash"]);
    const note = schemas.get("Note");
    expect(note?.description()).toBe("line one\nline two: with a colon\n- and a dash\n---\n... and an end");
    expect(note?.properties()?.["mood"]?.description()).toBe(
      "bell \u0007 esc \u001b del \u007f c1 \u0085\u009b ls \u2028 ps \u2029 bidi \u202e",
    );
    // `__proto__` survives the parser's objects: as a pattern property, and a schema keyed apart.
    const proto = note?.patternProperties()?.["^__proto__$"];
    expect(proto?.description()).toBe('{"__proto__": {"polluted": true}}');
    expect(proto?.allOf()?.[0]?.enum()).toEqual(["constructor", "toString"]);
    expect(schemas.get("chatia.__proto__")?.title()).toBe("__proto__");
    const message = fromYaml.channels().get("companyNamespace")?.messages().get("server.note");
    const [create, update] = message?.payload()?.oneOf() ?? [];
    expect(create?.description()).toBe("{{ template }} {% tag %} <!-- comment --> \r\n crlf");
    expect(update?.description()).toBe("  leading and trailing spaces,\ta tab, U+2028 \u2028 and U+2029 \u2029 inside  ");
    const leave = fromYaml.channels().get("companyNamespace")?.messages().get("client.desk.leave-all");
    expect(leave?.description()).toBe("]]> <![CDATA[ x ]]> <!-- --> \u{1F600} \u{1D11E} zero\u200Dwidth \uFEFF bom");
    const [deskId] = [leave?.payload()?.items()].flat();
    expect(deskId?.description()).toBe("\u2028");
    const join = fromYaml.operations().get("receive.shelf:join")?.json() as Record<string, unknown>;
    expect(join["x-chatia-room"]).toEqual({ action: "join", room: "shelf", params: [{ name: "__proto__", argument: "__proto__" }] });
  });
});

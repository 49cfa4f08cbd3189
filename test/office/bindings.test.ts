/** The bindings part's codec, on tables and rows of a real fixture. */
import "../support/dom-parser";
import { BINDINGS_NAMESPACE, parseBindings, serializeBindings, type Bindings } from "../../src/office/bindings";
import { loadWorkbook } from "../support/fixtures";
import { checkWorkbook } from "../../src/engine/report";

async function realBindings(): Promise<Bindings> {
  // Tables and an override taken from a real fixture sheet, with a sheet name that needs escaping.
  const report = checkWorkbook(await loadWorkbook("pengukuran-bkpsdm-2024.xlsx"));
  const tables = report.sheets.flatMap((s) => s.tables.map((t) => ({ sheet: s.name, header: t.headerRange, data: t.dataRange, kind: t.kind })));
  const row = report.sheets[2].tables[0].indicators[1];
  return {
    tables: [...tables, { sheet: `Rekap "TW" & <Catatan>`, header: "A1:C2", data: "A3:C9", kind: "PK" }],
    overrides: [{ sheet: report.sheets[2].name, row: row.row, name: row.name, overrides: { polarity: "negative", negativeFormula: "ratio" } }],
    ignored: ["duplicate-indicator@Pengukuran TW!C18"],
    settings: { bandSet: "baik", negativeFormula: "inverse", rules: { "indicator-vague": "off", "source-missing": "info" } },
  };
}

describe("bindings codec", () => {
  it("round-trips real tables, an override, ignores and settings (names with quotes and ampersands)", async () => {
    const b = await realBindings();
    const xml = serializeBindings(b);
    expect(xml).toContain(`xmlns="${BINDINGS_NAMESPACE}" version="1"`);
    const parsed = parseBindings(xml);
    expect(parsed.problems).toEqual([]);
    expect(parsed.bindings).toEqual(b);
    expect(serializeBindings(parsed.bindings)).toBe(xml);
  });

  it("skips an unknown element and a half-valid override; keeps the rest", async () => {
    const xml = serializeBindings(await realBindings()).replace("</ikiChecker>", `<override sheet="Pengukuran TW" row="9" name="x" kind="percentage" polarity="upward"/>\n<macro run="yes"/>\n</ikiChecker>`);
    const parsed = parseBindings(xml);
    expect(parsed.problems.map((p) => p.kind)).toEqual(["entry-ignored", "entry-ignored"]);
    expect(parsed.bindings.overrides).toHaveLength(1);
    expect(parsed.bindings.tables).toHaveLength(4);
  });
});

// Reading the part in a workbook is tested over the fake Excel (workbook-session.test.ts):
// office-addin-mock reports every property read before load() as not loaded, but Office fills
// `isNullObject` of a getOnlyItemOrNullObject() proxy at sync without a load.

describe("the part read with an XML parser, as Excel may hand it back", () => {
  it("reads the same bindings through a declaration, a namespace prefix, single quotes, comments and <a></a>", async () => {
    const b = await realBindings();
    const xml = serializeBindings(b);
    const respelt = [
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`,
      xml.replace(`<ikiChecker xmlns="${BINDINGS_NAMESPACE}"`, `<iki:ikiChecker xmlns:iki="${BINDINGS_NAMESPACE}"`).replace("</ikiChecker>", "</iki:ikiChecker>").replace(/<(settings|rule|table|override|ignored) /g, "<iki:$1 "),
      xml.replace(/="([^"]*)"/g, (_, v: string) => `='${v.replace(/'/g, "&apos;")}'`),
      xml.replace(/\/>/g, "></x>").replace(/<(\w+)([^<>]*)><\/x>/g, "<$1$2></$1>"),
      xml.replace("<settings", "<!-- saved by Excel -->\n  <settings"),
    ];
    for (const text of respelt) {
      const parsed = parseBindings(text);
      expect(parsed.problems).toEqual([]);
      expect(parsed.bindings).toEqual(b);
    }
  });

  it("a part that is not well-formed is damaged; an element of another namespace is an ignored entry", () => {
    expect(parseBindings(`<ikiChecker xmlns="${BINDINGS_NAMESPACE}" version="1"><settings`).problems).toEqual([{ kind: "damaged", detail: "not well-formed XML" }]);
    const foreign = parseBindings(`<ikiChecker xmlns="${BINDINGS_NAMESPACE}" version="1"><x:ignored xmlns:x="urn:other" key="duplicate-indicator@A!C1"/></ikiChecker>`);
    expect(foreign.bindings.ignored).toEqual([]);
    expect(foreign.problems.map((p) => p.kind)).toEqual(["entry-ignored"]);
  });
});

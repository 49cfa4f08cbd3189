/**
 * A workbook file as the simulator's state: the cells, merges, hidden rows and columns,
 * tables, notes and threaded comments the product's reader (src/xlsx) gives, plus what a
 * snapshot does not carry and Excel would show the add-in: the conditional formats of each
 * sheet (`<conditionalFormatting sqref>` / `<cfRule><formula>`, in priority order, the fill
 * and font of their `dxf`), read independently with JSZip and xmldom (xlsx-parts.ts). So a
 * CLI's annotated copy can be opened "in Excel" and checked, cleared and compared.
 */
import { promises as fs } from "fs";
import { readWorkbookBuffer } from "../../src/xlsx/read-workbook";
import { FakeWorkbookModel, parseArea } from "./fake-excel";
import { elements, openParts, relationships, sheetParts } from "./xlsx-parts";

/** ST_CfType → Excel.ConditionalFormatType, as Office.js reports each kind of rule. */
const CF_TYPE: Record<string, string> = {
  expression: "Custom",
  cellIs: "CellValue",
  colorScale: "ColorScale",
  dataBar: "DataBar",
  iconSet: "IconSet",
  top10: "TopBottom",
  containsText: "ContainsText",
  notContainsText: "ContainsText",
  beginsWith: "ContainsText",
  endsWith: "ContainsText",
};

/** `dxfId` → the fill and font colours of that differential format (`#RRGGBB`), from styles.xml. */
async function dxfColours(parts: Awaited<ReturnType<typeof openParts>>): Promise<{ fill: string | null; font: string | null }[]> {
  const main = (await relationships(parts, "")).find((r) => r.type === "officeDocument")!.target;
  const styles = (await relationships(parts, main)).find((r) => r.type === "styles");
  const doc = styles ? await parts.xml(styles.target) : undefined;
  const dxfs = doc ? elements(doc, "dxfs")[0] : undefined;
  if (!dxfs) return [];
  const rgb = (el: Element | undefined): string | null => {
    const v = el?.getAttribute("rgb");
    return v ? `#${v.slice(-6).toUpperCase()}` : null;
  };
  return elements(dxfs, "dxf").map((d) => {
    const fill = elements(d, "fill")[0];
    const font = elements(d, "font")[0];
    return {
      fill: fill ? rgb((elements(fill, "bgColor")[0] ?? elements(fill, "fgColor")[0]) as unknown as Element) : null,
      font: font ? rgb(elements(font, "color")[0] as unknown as Element) : null,
    };
  });
}

export async function modelFromXlsx(file: string): Promise<FakeWorkbookModel> {
  const bytes = await fs.readFile(file);
  const model = FakeWorkbookModel.fromSnapshot(readWorkbookBuffer(bytes));
  const parts = await openParts(bytes);
  const colours = await dxfColours(parts);
  for (const [name, part] of await sheetParts(parts)) {
    const sheet = model.sheet(name);
    const doc = await parts.xml(part);
    const rules = (doc ? elements(doc, "conditionalFormatting").filter((cf) => cf.namespaceURI?.includes("spreadsheetml")) : [])
      .flatMap((cf) =>
        elements(cf, "cfRule").map((rule) => ({
          sqref: (cf.getAttribute("sqref") ?? "").split(/\s+/),
          type: CF_TYPE[rule.getAttribute("type") ?? ""] ?? "PresetCriteria",
          formula: elements(rule, "formula")[0]?.textContent ?? "",
          dxfId: Number(rule.getAttribute("dxfId")),
          priority: Number(rule.getAttribute("priority")),
        })),
      )
      .sort((a, b) => a.priority - b.priority);
    sheet.conditionalFormats = rules.map((r) => ({
      id: model.newId("cf"),
      type: r.type,
      areas: r.sqref.filter(Boolean).map((a) => parseArea(a)),
      // Office.js shows a rule's formula with its "=", OOXML stores it without.
      formula: `=${r.formula}`,
      fill: colours[r.dxfId]?.fill ?? null,
      font: colours[r.dxfId]?.font ?? null,
    }));
  }
  return model;
}

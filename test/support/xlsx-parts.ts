/**
 * A second, independent reading of a workbook package for tests: JSZip and xmldom (a DOM
 * parser), not the product's own zip and SAX code, so a test does not check the product
 * with the product's own eyes. Reads what annotated copies add: conditional formats,
 * notes, note shapes, dxfs and the findings sheet.
 */
import JSZip from "jszip";
import { DOMParser, type Element as XmlElement, type Document as XmlDocument } from "@xmldom/xmldom";
import { posix } from "path";

export interface PackageParts {
  zip: JSZip;
  names: string[];
  text(name: string): Promise<string | undefined>;
  bytes(name: string): Promise<Buffer | undefined>;
  xml(name: string): Promise<XmlDocument | undefined>;
}

export async function openParts(bytes: Buffer): Promise<PackageParts> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const find = (name: string) => zip.file(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "i"))[0];
  return {
    zip,
    names,
    text: async (name) => find(name)?.async("string"),
    bytes: async (name) => {
      const f = find(name);
      return f ? Buffer.from(await f.async("uint8array")) : undefined;
    },
    xml: async (name) => {
      const f = find(name);
      return f ? new DOMParser().parseFromString(await f.async("string"), "text/xml") : undefined;
    },
  };
}

export const elements = (node: XmlDocument | XmlElement, local: string): XmlElement[] =>
  Array.from(node.getElementsByTagNameNS("*", local) as unknown as ArrayLike<XmlElement>);

export const childElements = (node: XmlElement): XmlElement[] =>
  Array.from(node.childNodes as unknown as ArrayLike<XmlElement>).filter((n) => n.nodeType === 1);

function relsName(part: string): string {
  return posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`);
}

export async function relationships(p: PackageParts, part: string): Promise<{ id: string; type: string; target: string }[]> {
  const doc = await p.xml(relsName(part));
  if (!doc) return [];
  return elements(doc, "Relationship").map((r) => ({
    id: r.getAttribute("Id") ?? "",
    type: (r.getAttribute("Type") ?? "").split("/").pop() ?? "",
    target: r.getAttribute("TargetMode") === "External" ? r.getAttribute("Target") ?? "" : posix.normalize(posix.join(posix.dirname(part), r.getAttribute("Target") ?? "")).replace(/^\//, ""),
  }));
}

/** Sheet name → its part, in tab order. */
export async function sheetParts(p: PackageParts): Promise<Map<string, string>> {
  const main = (await relationships(p, "")).find((r) => r.type === "officeDocument")!.target;
  const rels = await relationships(p, main);
  const doc = (await p.xml(main))!;
  const out = new Map<string, string>();
  for (const s of elements(doc, "sheet")) {
    let id = "";
    for (let i = 0; i < s.attributes.length; i++) if (s.attributes[i].localName === "id") id = s.attributes[i].value;
    const target = rels.find((r) => r.id === id)?.target;
    if (target) out.set(s.getAttribute("name") ?? "", target);
  }
  return out;
}

export interface ConditionalFormat {
  sqref: string[];
  formula: string;
  dxfId: number;
  priority: number;
}

export async function conditionalFormats(p: PackageParts, sheetPart: string): Promise<ConditionalFormat[]> {
  const doc = await p.xml(sheetPart);
  if (!doc) return [];
  return elements(doc, "conditionalFormatting")
    .filter((cf) => cf.namespaceURI?.includes("spreadsheetml"))
    .flatMap((cf) =>
      elements(cf, "cfRule").map((rule) => ({
        sqref: (cf.getAttribute("sqref") ?? "").split(/\s+/),
        formula: elements(rule, "formula")[0]?.textContent ?? "",
        dxfId: Number(rule.getAttribute("dxfId")),
        priority: Number(rule.getAttribute("priority")),
      })),
    );
}

/** Cell → note text, and the note's author, from the sheet's comments part. */
export async function notesOf(p: PackageParts, sheetPart: string): Promise<Map<string, { text: string; author: string }>> {
  const out = new Map<string, { text: string; author: string }>();
  const rel = (await relationships(p, sheetPart)).find((r) => r.type === "comments");
  if (!rel) return out;
  const doc = (await p.xml(rel.target))!;
  const authors = elements(doc, "author").map((a) => a.textContent ?? "");
  for (const c of elements(doc, "comment")) {
    const text = elements(c, "t")
      .filter((t) => (t.parentNode as XmlElement | null)?.localName !== "rPh")
      .map((t) => t.textContent ?? "")
      .join("");
    out.set(c.getAttribute("ref") ?? "", { text, author: authors[Number(c.getAttribute("authorId"))] ?? "" });
  }
  return out;
}

/** Cells (`row:col`, 1-based) of the note shapes in the sheet's legacy drawing (read as text: VML need not be XML). */
export async function noteShapeCells(p: PackageParts, sheetPart: string): Promise<string[]> {
  const doc = await p.xml(sheetPart);
  const legacy = doc ? elements(doc, "legacyDrawing")[0] : undefined;
  if (!legacy) return [];
  let id = "";
  for (let i = 0; i < legacy.attributes.length; i++) if (legacy.attributes[i].localName === "id") id = legacy.attributes[i].value;
  const target = (await relationships(p, sheetPart)).find((r) => r.id === id)?.target;
  const vml = target ? await p.text(target) : undefined;
  if (!vml) return [];
  return [...vml.matchAll(/<v:shape\b[\s\S]*?<\/v:shape>/g)]
    .filter((m) => /ObjectType="Note"/.test(m[0]))
    .map((m) => `${Number(/<x:Row>(\d+)/.exec(m[0])![1]) + 1}:${Number(/<x:Column>(\d+)/.exec(m[0])![1]) + 1}`);
}

/** The dxfs of styles.xml, serialised. */
export async function dxfs(p: PackageParts): Promise<XmlElement[]> {
  const main = (await relationships(p, "")).find((r) => r.type === "officeDocument")!.target;
  const styles = (await relationships(p, main)).find((r) => r.type === "styles")?.target;
  const doc = styles ? await p.xml(styles) : undefined;
  return doc ? elements(doc, "dxf") : [];
}

/** A sheet's cells as text, row by row (inline and shared strings resolved). */
export async function sheetRows(p: PackageParts, sheetPart: string): Promise<string[][]> {
  const main = (await relationships(p, "")).find((r) => r.type === "officeDocument")!.target;
  const sstPart = (await relationships(p, main)).find((r) => r.type === "sharedStrings")?.target;
  const sst = sstPart ? elements((await p.xml(sstPart))!, "si").map((si) => elements(si, "t").map((t) => t.textContent ?? "").join("")) : [];
  const doc = (await p.xml(sheetPart))!;
  return elements(doc, "row").map((row) =>
    elements(row, "c").map((c) => {
      const t = c.getAttribute("t");
      if (t === "inlineStr") return elements(c, "t").map((x) => x.textContent ?? "").join("");
      const v = elements(c, "v")[0]?.textContent ?? "";
      return t === "s" ? (sst[Number(v)] ?? "") : v;
    }),
  );
}

/** Internal hyperlinks of a sheet: cell → location. */
export async function hyperlinks(p: PackageParts, sheetPart: string): Promise<Map<string, string>> {
  const doc = (await p.xml(sheetPart))!;
  return new Map(elements(doc, "hyperlink").map((h) => [h.getAttribute("ref") ?? "", h.getAttribute("location") ?? ""]));
}

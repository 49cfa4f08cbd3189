/**
 * The diff original → annotated copy, read independently of the writer (JSZip, xmldom).
 *
 * The stated canonical form of an XML part: its element tree with namespaces by URI (not
 * prefix), attributes as an unordered set, character data with whitespace-only text
 * between elements dropped, comments and processing instructions dropped. A touched part
 * passes when the copy's canonical form, minus the allow-list of what the checker adds,
 * equals the original's; `count` of `dxfs`, `fonts` and `cellXfs` are the only attributes
 * that may differ.
 *
 * The allow-list: `conditionalFormatting` elements whose every rule formula is a marker
 * formula; one `legacyDrawing` the original did not have; `dxf`s appended to `dxfs`, a
 * bold `font` appended to `fonts` and two `xf`s to `cellXfs` (the findings sheet's); one
 * `sheet` appended to `sheets` (the findings sheet); `Relationship`, `Override` and
 * `Default` elements for new parts; `comment`s whose text starts with the marker line, and
 * the author "IKI Checker". VML is compared as text: the copy minus note shapes on the
 * cells the checker noted (and the note shapetype, when the original had none) must equal
 * the original.
 */
import { DOMParser, type Element as XmlElement, type Node as XmlNode } from "@xmldom/xmldom";
import { parseMarkerFormula, parseNoteCell } from "../../src/engine/flag-style";
import { openParts, type PackageParts } from "./xlsx-parts";

export interface PackageDiff {
  untouched: string[];
  touched: string[];
  added: string[];
  problems: string[];
}

type Canon = string;

function canon(node: XmlNode, drop: (el: XmlElement) => boolean, stripCount: (el: XmlElement) => boolean): Canon {
  if (node.nodeType === 3 || node.nodeType === 4) {
    const t = node.nodeValue ?? "";
    return t.trim() === "" ? "" : JSON.stringify(t);
  }
  if (node.nodeType !== 1 && node.nodeType !== 9) return "";
  const kids = Array.from(node.childNodes as unknown as ArrayLike<XmlNode>)
    .filter((k) => !(k.nodeType === 1 && drop(k as XmlElement)))
    .map((k) => canon(k, drop, stripCount))
    .filter(Boolean);
  if (node.nodeType === 9) return kids.join("");
  const el = node as XmlElement;
  const attrs: string[] = [];
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes[i];
    if (a.name === "xmlns" || a.name.startsWith("xmlns:")) continue;
    if (a.localName === "count" && stripCount(el)) continue;
    attrs.push(`{${a.namespaceURI ?? ""}}${a.localName}=${JSON.stringify(a.value)}`);
  }
  attrs.sort();
  return `<{${el.namespaceURI ?? ""}}${el.localName} ${attrs.join(" ")}>${kids.join(",")}</>`;
}

const parse = (text: string) => new DOMParser().parseFromString(text, "text/xml");
const textOf = (el: XmlElement): string => el.textContent ?? "";
const byLocal = (el: XmlElement, local: string): XmlElement[] => Array.from(el.getElementsByTagNameNS("*", local) as unknown as ArrayLike<XmlElement>);

function isOurFormatting(el: XmlElement): boolean {
  const formulas = byLocal(el, "formula").map(textOf);
  return formulas.length > 0 && formulas.every((f) => parseMarkerFormula(f) !== null);
}

function isOurComment(el: XmlElement): boolean {
  return parseNoteCell(byLocal(el, "t").map(textOf).join("")) !== null;
}

/** Our dxf as the writer's dialect states it (font colour and background fill). */
const OUR_DXF_COLOURS = new Set(["FF9C0006/FFFFC7CE", "FF9C5700/FFFFEB9C", "FF1F4E78/FFDDEBF7"]);
function isOurDxf(el: XmlElement): boolean {
  const font = byLocal(el, "color")[0]?.getAttribute("rgb");
  const fill = byLocal(el, "bgColor")[0]?.getAttribute("rgb");
  return OUR_DXF_COLOURS.has(`${font}/${fill}`);
}

interface Context {
  original: PackageParts;
  copy: PackageParts;
  addedParts: Set<string>;
  problems: string[];
  /** Names of the sheets the copy added to workbook.xml. */
  findingsSheets: string[];
}

/** Elements of `copy` that are additions: compared by position against the original's children. */
function compareXml(name: string, before: string, after: string, ctx: Context): void {
  const a = parse(before).documentElement!;
  const b = parse(after).documentElement!;
  const origHas = (local: string) => byLocal(a, local).length;
  const origDxfs = byLocal(a, "dxf").length;
  const origSheets = byLocal(a, "sheet").map((s) => s.getAttribute("name"));
  const origRelIds = new Set(byLocal(a, "Relationship").map((r) => r.getAttribute("Id")));
  const origTypes = new Set([...byLocal(a, "Override"), ...byLocal(a, "Default")].map((o) => o.getAttribute("PartName") ?? `ext:${o.getAttribute("Extension")}`.toLowerCase()));
  let dxfSeen = 0;
  const childrenOf = (root: XmlElement, list: string, child: string): XmlElement[] =>
    byLocal(root, list).flatMap((l) => Array.from(l.childNodes as unknown as ArrayLike<XmlElement>).filter((c) => c.nodeType === 1 && c.localName === child));
  const origFonts = childrenOf(a, "fonts", "font").length;
  const origXfs = childrenOf(a, "cellXfs", "xf").length;
  const copyFonts = childrenOf(b, "fonts", "font");
  const copyXfs = childrenOf(b, "cellXfs", "xf");
  const drop = (el: XmlElement): boolean => {
    const parent = (el.parentNode as XmlElement | null)?.localName;
    if (el.localName === "font" && parent === "fonts") {
      if (copyFonts.indexOf(el) < origFonts) return false;
      // The workbook's first font, made bold.
      const first = copyFonts[0];
      const plain = (f: XmlElement) => Array.from(f.childNodes as unknown as ArrayLike<XmlElement>).filter((c) => c.nodeType === 1 && c.localName !== "b").map((c) => c.toString()).join("");
      const bold = Array.from(el.childNodes as unknown as ArrayLike<XmlElement>).some((c) => c.nodeType === 1 && c.localName === "b");
      if (!bold || plain(el) !== plain(first)) ctx.problems.push(`${name}: an added font that is not the findings sheet's bold one`);
      return true;
    }
    if (el.localName === "xf" && parent === "cellXfs") {
      if (copyXfs.indexOf(el) < origXfs) return false;
      if (copyXfs.length - origXfs > 2) ctx.problems.push(`${name}: more cell formats added than the findings sheet's two`);
      return true;
    }
    switch (el.localName) {
      case "conditionalFormatting":
        return isOurFormatting(el);
      case "legacyDrawing":
        return origHas("legacyDrawing") === 0;
      case "dxf":
        dxfSeen++;
        if (dxfSeen > origDxfs) {
          if (!isOurDxf(el)) ctx.problems.push(`${name}: an added dxf that is not the checker's`);
          return true;
        }
        return false;
      case "dxfs":
        // A dxfs element the original lacked, holding only ours.
        return byLocal(a, "dxfs").length === 0 && byLocal(el, "dxf").every(isOurDxf);
      case "sheet":
        if (origSheets.includes(el.getAttribute("name"))) return false;
        ctx.findingsSheets.push(el.getAttribute("name") ?? "");
        return true;
      case "Relationship": {
        if (origRelIds.has(el.getAttribute("Id"))) return false;
        return true;
      }
      case "Override":
      case "Default": {
        const key = el.getAttribute("PartName") ?? `ext:${el.getAttribute("Extension")}`.toLowerCase();
        if (origTypes.has(key)) return false;
        const part = (el.getAttribute("PartName") ?? "").replace(/^\//, "");
        if (el.localName === "Override" && !ctx.addedParts.has(part.toLowerCase())) ctx.problems.push(`${name}: an Override for ${part}, not a part the copy added`);
        return true;
      }
      case "comment":
        return isOurComment(el);
      case "author":
        return textOf(el) === "IKI Checker" && !byLocal(a, "author").some((x) => textOf(x) === "IKI Checker");
      default:
        return false;
    }
  };
  const strip = (el: XmlElement) => el.localName === "dxfs" || el.localName === "fonts" || el.localName === "cellXfs";
  const ca = canon(a, () => false, strip);
  const cb = canon(b, drop, strip);
  if (ca !== cb) {
    let i = 0;
    while (i < ca.length && ca[i] === cb[i]) i++;
    ctx.problems.push(`${name}: differs from the original beyond the checker's additions, near …${ca.slice(Math.max(0, i - 80), i + 80)}… vs …${cb.slice(Math.max(0, i - 80), i + 80)}…`);
  }
}

/** VML as text: the copy minus the checker's note shapes (and an added shapetype) equals the original. */
function compareVml(name: string, before: string, after: string, notedCells: Set<string>, ctx: Context): void {
  let rest = after.replace(/<v:shape\b[\s\S]*?<\/v:shape>/g, (shape) => {
    const row = /<x:Row>\s*(\d+)/.exec(shape);
    const col = /<x:Column>\s*(\d+)/.exec(shape);
    const cell = row && col ? `${Number(row[1]) + 1}:${Number(col[1]) + 1}` : "";
    return notedCells.has(cell) && !before.includes(shape) ? "" : shape;
  });
  if (!/_x0000_t202/.test(before)) rest = rest.replace(/<v:shapetype id="_x0000_t202"[\s\S]*?<\/v:shapetype>/, "");
  if (!/<o:idmap/.test(before)) rest = rest.replace(/<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="\d+"\/><\/o:shapelayout>/, "");
  // A drawing whose idmap blocks were full names one more block: the only attribute that may grow.
  rest = rest.replace(/(<o:idmap\b[^>]*data=")([^"]*)"/, (m, head: string, data: string) => {
    const orig = /<o:idmap\b[^>]*data="([^"]*)"/.exec(before)?.[1];
    return orig && data.startsWith(`${orig},`) ? `${head}${orig}"` : m;
  });
  if (rest !== before) ctx.problems.push(`${name}: the VML differs from the original beyond the checker's note shapes`);
}

/** The checker's new parts, each checked to hold only what the checker writes. */
async function checkAddedPart(name: string, ctx: Context): Promise<void> {
  const text = (await ctx.copy.text(name)) ?? "";
  const lower = name.toLowerCase();
  if (/\.rels$/.test(lower)) return; // its relationships are checked with the part they belong to
  if (/\.vml$/.test(lower)) {
    const shapes = [...text.matchAll(/<v:shape\b[\s\S]*?<\/v:shape>/g)];
    if (shapes.length === 0 || shapes.some((s) => !/ObjectType="Note"/.test(s[0]))) ctx.problems.push(`${name}: an added drawing with something other than note shapes`);
    return;
  }
  const doc = parse(text).documentElement!;
  if (doc.localName === "comments") {
    if (!byLocal(doc, "comment").every(isOurComment)) ctx.problems.push(`${name}: an added comments part with a note that is not the checker's`);
    return;
  }
  if (doc.localName === "worksheet") {
    const first = byLocal(doc, "c")[0];
    const a1 = first ? byLocal(first, "t").map(textOf).join("") : "";
    if (!/^IKI Checker — (daftar temuan|findings)$/.test(a1)) ctx.problems.push(`${name}: an added worksheet that is not the findings sheet`);
    return;
  }
  if (doc.localName === "styleSheet") return; // a workbook without styles gets a minimal one
  ctx.problems.push(`${name}: an added part the checker does not write`);
}

export async function diffPackages(originalBytes: Buffer, copyBytes: Buffer): Promise<PackageDiff & { findingsSheets: string[] }> {
  const original = await openParts(originalBytes);
  const copy = await openParts(copyBytes);
  const origNames = new Set(original.names.map((n) => n.toLowerCase()));
  const addedParts = new Set(copy.names.filter((n) => !origNames.has(n.toLowerCase())).map((n) => n.toLowerCase()));
  const ctx: Context = { original, copy, addedParts, problems: [], findingsSheets: [] };
  const out = { untouched: [] as string[], touched: [] as string[], added: copy.names.filter((n) => addedParts.has(n.toLowerCase())), problems: ctx.problems, findingsSheets: ctx.findingsSheets };
  const copyNames = new Map(copy.names.map((n) => [n.toLowerCase(), n]));
  // Cells the checker noted, per VML drawing: from the copy's own notes (marker text).
  const notedByVml = new Map<string, Set<string>>();
  for (const name of copy.names.filter((n) => /comments\d*\.xml$/i.test(n))) {
    const cells = new Set(byLocal(parse((await copy.text(name)) ?? "").documentElement!, "comment").filter(isOurComment).map((c) => {
      const m = /^([A-Z]+)(\d+)$/.exec(c.getAttribute("ref") ?? "")!;
      const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      return `${m[2]}:${col}`;
    }));
    for (const vml of copy.names.filter((n) => /\.vml$/i.test(n))) notedByVml.set(vml, new Set([...(notedByVml.get(vml) ?? []), ...cells]));
  }
  for (const name of original.names) {
    const other = copyNames.get(name.toLowerCase());
    if (!other) {
      ctx.problems.push(`${name}: missing from the copy`);
      continue;
    }
    const a = (await original.bytes(name))!;
    const b = (await copy.bytes(other))!;
    if (a.equals(b)) {
      out.untouched.push(name);
      continue;
    }
    out.touched.push(name);
    if (/\.vml$/i.test(name)) compareVml(name, a.toString("utf8"), b.toString("utf8"), notedByVml.get(other) ?? new Set(), ctx);
    else if (/\.(xml|rels)$/i.test(name)) compareXml(name, a.toString("utf8"), b.toString("utf8"), ctx);
    else ctx.problems.push(`${name}: a binary part was changed`);
  }
  for (const name of out.added) await checkAddedPart(name, ctx);
  if (ctx.findingsSheets.length !== 1) ctx.problems.push(`the copy adds ${ctx.findingsSheets.length} sheets, not one findings sheet`);
  return out;
}

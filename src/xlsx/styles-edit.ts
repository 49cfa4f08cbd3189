/**
 * What an annotated copy adds to styles.xml, and takes away again: the three dxfs of the
 * flag colours (conditional formats refer to them), and for the findings sheet one bold
 * font and two cell formats (a bold header, wrapped text). Each is appended to the end of
 * its list — no index of the user's moves — or reused when the list already ends with an
 * identical one (an earlier copy's). Only the lists' `count` attributes change.
 * `removeCopyStyles` drops the trailing ones that are ours and used by nothing.
 */
import type { Severity } from "../engine/rules";
import { FLAG_COLOURS } from "../engine/flag-style";
import { STRICT_MAIN_NS, TRANSITIONAL_MAIN_NS } from "./ooxml";
import { CONTENT_TYPES, type PackageEdit } from "./package-edit";
import { applySplices, insertionPoint, scanElements, type ScannedXml, type Splice } from "./xml-splice";

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** CT_Stylesheet's children in schema order (ECMA-376 Part 1, 18.8.39). */
const STYLESHEET_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];
const after = (local: string): string[] => STYLESHEET_ORDER.slice(STYLESHEET_ORDER.indexOf(local) + 1);

const argb = (hex: string): string => `FF${hex.slice(1).toUpperCase()}`;

export function dxfXml(severity: Severity, p: string): string {
  const c = FLAG_COLOURS[severity];
  return `<${p}dxf><${p}font><${p}color rgb="${argb(c.font)}"/></${p}font><${p}fill><${p}patternFill><${p}bgColor rgb="${argb(c.fill)}"/></${p}patternFill></${p}fill></${p}dxf>`;
}

/** The workbook's default font (its first), bold: the findings sheet's header looks like the workbook. */
function boldFontXml(xml: string, p: string): string {
  const first = readList(xml, "fonts", "font").items[0];
  if (!first || first.endsWith("/>")) return `<${p}font><${p}b/></${p}font>`;
  const open = first.slice(0, first.indexOf(">") + 1);
  return `${open}<${p}b/>${first.slice(open.length).replace(new RegExp(`<${p}b\\s*/>`), "")}`;
}
const headerXfXml = (p: string, font: number): string => `<${p}xf numFmtId="0" fontId="${font}" fillId="0" borderId="0" xfId="0" applyFont="1"/>`;
const wrapXfXml = (p: string): string => `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><${p}alignment vertical="top" wrapText="1"/></${p}xf>`;

export interface CopyStyles {
  dxf: Record<Severity, number>;
  /** Cell format indices for the findings sheet. */
  header: number;
  wrap: number;
}

interface List {
  scan: ScannedXml;
  /** The list element's children of kind `child`, as text. */
  items: string[];
  block: ScannedXml | null;
  /** Offset of the list element in the part. */
  at: number;
}

function readList(xml: string, local: string, child: string): List {
  const scan = scanElements(xml);
  const span = scan.children.find((c) => c.local === local);
  if (!span) return { scan, items: [], block: null, at: -1 };
  const block = scanElements(xml.slice(span.start, span.end));
  const items = block.children.filter((c) => c.local === child).map((c) => xml.slice(span.start + c.start, span.start + c.end));
  return { scan, items, block, at: span.start };
}

const COUNT = /(\scount\s*=\s*["'])(\d*)(["'])/;

/** `wanted` in the list: each reused where the list has it, else appended. Their indices, and the part's new text. */
function ensureItems(xml: string, local: string, child: string, wanted: readonly string[]): { xml: string; ids: number[] } {
  const { scan, items, block, at } = readList(xml, local, child);
  const added: string[] = [];
  const ids = wanted.map((w) => {
    const found = items.indexOf(w);
    if (found >= 0) return found;
    added.push(w);
    return items.length + added.length - 1;
  });
  if (added.length === 0) return { xml, ids };
  const count = items.length + added.length;
  const p = scan.prefix;
  if (!block) return { xml: applySplices(xml, [{ at: insertionPoint(scan, after(local)), insert: `<${p}${local} count="${count}">${added.join("")}</${p}${local}>` }]), ids };
  const root = block.root;
  const countAttr = COUNT.exec(root.tag);
  const splices: Splice[] = [];
  if (root.selfClosing) {
    const open = countAttr ? root.tag.replace(countAttr[0], `${countAttr[1]}${count}${countAttr[3]}`) : root.tag;
    splices.push({ at, remove: root.end - root.start, insert: `${open.replace(/\s*\/>$/, ">")}${added.join("")}</${root.name}>` });
  } else {
    if (countAttr) splices.push({ at: at + countAttr.index + countAttr[1].length, remove: countAttr[2].length, insert: String(count) });
    splices.push({ at: at + block.rootClose, insert: added.join("") });
  }
  return { xml: applySplices(xml, splices), ids };
}

/** Drops the list's trailing items that are in `ours` and whose index nothing uses. */
function removeTrailing(xml: string, local: string, child: string, ours: ReadonlySet<string>, used: ReadonlySet<number>): string {
  const { items, block, at } = readList(xml, local, child);
  if (!block || block.root.selfClosing) return xml;
  let keep = items.length;
  while (keep > 0 && ours.has(items[keep - 1]) && !used.has(keep - 1)) keep--;
  if (keep === items.length) return xml;
  const children = block.children.filter((c) => c.local === child);
  const countAttr = COUNT.exec(block.root.tag);
  let splices: Splice[];
  if (keep === 0) {
    // Emptied: back to the element as Excel writes it, `<dxfs count="0"/>`.
    const open = countAttr ? block.root.tag.replace(countAttr[0], `${countAttr[1]}0${countAttr[3]}`) : block.root.tag;
    splices = [{ at, remove: block.root.end, insert: open.replace(/\s*>$/, "/>") }];
  } else {
    splices = [{ at: at + children[keep].start, remove: children[items.length - 1].end - children[keep].start }];
    if (countAttr) splices.push({ at: at + countAttr.index + countAttr[1].length, remove: countAttr[2].length, insert: String(keep) });
  }
  return applySplices(xml, splices);
}

/** The workbook's styles part; a workbook without one (some generators write none) gets a minimal one of ours. */
function stylesPart(edit: PackageEdit): string {
  const rel = edit.info.rels.find((r) => r.type === "styles" && !r.external);
  if (rel && edit.exists(rel.target)) return rel.target;
  const part = edit.freePart((n) => (n === 1 ? "xl/styles.xml" : `xl/styles${n}.xml`));
  const ns = edit.info.strict ? STRICT_MAIN_NS : TRANSITIONAL_MAIN_NS;
  edit.setText(
    part,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<styleSheet xmlns="${ns}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/></styleSheet>',
  );
  edit.addRel(edit.info.part, "styles", part);
  edit.addContentType({ part, type: CONTENT_TYPES.styles });
  return part;
}

export function ensureCopyStyles(edit: PackageEdit): CopyStyles {
  const part = stylesPart(edit);
  const xml = edit.text(part)!;
  const p = scanElements(xml).prefix;
  const dxfs = ensureItems(xml, "dxfs", "dxf", SEVERITIES.map((s) => dxfXml(s, p)));
  const font = ensureItems(dxfs.xml, "fonts", "font", [boldFontXml(dxfs.xml, p)]);
  const xfs = ensureItems(font.xml, "cellXfs", "xf", [headerXfXml(p, font.ids[0]), wrapXfXml(p)]);
  if (xfs.xml !== xml) edit.setText(part, xfs.xml);
  return { dxf: { error: dxfs.ids[0], warning: dxfs.ids[1], info: dxfs.ids[2] }, header: xfs.ids[0], wrap: xfs.ids[1] };
}

/** Removes the copy's styles nothing refers to any more (for `--clean`); `sheets` are the worksheets' texts now. */
export function removeCopyStyles(edit: PackageEdit, sheets: readonly string[]): void {
  const rel = edit.info.rels.find((r) => r.type === "styles" && !r.external);
  if (!rel) return;
  let xml = edit.text(rel.target);
  if (xml === undefined) return;
  const p = scanElements(xml).prefix;
  const usedBy = (texts: readonly string[], attr: RegExp): Set<number> => {
    const out = new Set<number>();
    for (const t of texts) for (const m of t.matchAll(attr)) out.add(Number(m[1]));
    return out;
  };
  // Cell formats are used by cells (`s="…"`), fonts by formats, dxfs by conditional formats and table styles.
  const before = xml;
  const bold = boldFontXml(xml, p);
  const boldIndex = readList(xml, "fonts", "font").items.lastIndexOf(bold);
  xml = removeTrailing(xml, "cellXfs", "xf", new Set([headerXfXml(p, boldIndex), wrapXfXml(p)]), usedBy(sheets, /<(?:[\w.-]+:)?c\b[^>]*?\ss\s*=\s*["'](\d+)["']/g));
  xml = removeTrailing(xml, "fonts", "font", new Set([bold]), usedBy([xml], /\sfontId\s*=\s*["'](\d+)["']/g));
  const outsideDxfs = (() => {
    const d = readList(xml, "dxfs", "dxf");
    return d.block ? xml.slice(0, d.at) + xml.slice(d.at + d.block.root.end) : xml;
  })();
  xml = removeTrailing(xml, "dxfs", "dxf", new Set(SEVERITIES.map((s) => dxfXml(s, p))), usedBy([outsideDxfs, ...sheets], /\sdxfId\s*=\s*["'](\d+)["']/g));
  if (xml !== before) edit.setText(rel.target, xml);
}

/**
 * Annotated copies: the original package plus additions, in the add-in's dialect
 * (src/engine/flag-style.ts).
 *
 * - Each flagged cell gets the checker's conditional format (the user's fill and formats
 *   are untouched), and — where the cell holds no note or threaded comment of the user's
 *   and the sheet's note cap allows — a note with the messages. A user's note is never
 *   changed: that cell gets the colour only, its messages are on the findings sheet.
 * - A findings sheet ("Temuan") is appended last and lists every finding.
 * - Every entry the copy does not need is copied byte for byte; the parts it touches keep
 *   every byte of the user's XML and only gain elements, in the places ECMA-376 orders
 *   them: `conditionalFormatting` after `mergeCells`/`phoneticPr` and before
 *   `dataValidations`, `legacyDrawing` after `drawing`, our `cfRule` priorities after the
 *   user's, `dxf`s at the end of `dxfs`, the `sheet` at the end of `sheets`. Only count
 *   attributes change.
 * - A workbook that is itself an annotated copy has our earlier flags and findings sheet
 *   replaced, not stacked; `cleanPackage` removes everything of ours.
 */
import type { Finding } from "../engine/report";
import { isFindingsSheetTitle, markerFormula, parseMarkerFormula, planFlags } from "../engine/flag-style";
import type { Severity } from "../engine/rules";
import { parseCellAddress } from "../engine/address";
import { valueAt } from "../engine/snapshot";
import { findingsSheetBaseName, findingsSheetXml, freeSheetName } from "./findings-sheet";
import { addToCommentsXml, addToVml, cellKeys, newCommentsXml, newVml, removeNoteShapes, removeOurComments, vmlIdmaps, type NoteToAdd } from "./note-parts";
import { STRICT_REL_NS, TRANSITIONAL_REL_NS, type SheetEntry } from "./ooxml";
import { CONTENT_TYPES, PackageEdit } from "./package-edit";
import { ensureCopyStyles, removeCopyStyles, type CopyStyles } from "./styles-edit";
import type { OpenedWorkbook } from "./read-workbook";
import { readComments, readThreadedComments } from "./workbook-parts";
import { escapeXml } from "./xml";
import { applySplices, innerOf, insertionPoint, prefixFor, scanElements, tagAttr, unescapeXml, type ScannedXml, type Splice } from "./xml-splice";

/** CT_Worksheet children that come after `conditionalFormatting` (ECMA-376 Part 1, 18.3.1.99). */
const AFTER_CONDITIONAL_FORMATTING = [
  "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
  "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF",
  "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
];
/** …and after `legacyDrawing`. */
const AFTER_LEGACY_DRAWING = ["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

function relNs(edit: PackageEdit): string {
  return edit.info.strict ? STRICT_REL_NS : TRANSITIONAL_REL_NS;
}

/** `r:id="…"` for an element inside `root`, declaring the prefix on the element when the root binds none. */
function relIdAttr(edit: PackageEdit, scan: ScannedXml, id: string): string {
  const bound = prefixFor(scan.root.tag, relNs(edit));
  return bound !== undefined && bound !== "" ? `${bound}id="${id}"` : `xmlns:r="${relNs(edit)}" r:id="${id}"`;
}

/** The relationship id an element carries (`r:id`, whatever the prefix). */
function elementRelId(tag: string): string | undefined {
  return /\s[\w.-]+:id\s*=\s*["']([^"']*)["']/.exec(tag)?.[1];
}

/** Content of the workbook's parts outside `sheetData` (where cfRule and dxfId attributes live). */
function outsideSheetData(xml: string, scan: ScannedXml): string {
  const data = scan.children.find((c) => c.local === "sheetData");
  return data ? xml.slice(0, data.start) + xml.slice(data.end) : xml;
}

// --- Removing what an earlier run wrote ------------------------------------------------------

function isOurFormatting(xml: string): boolean {
  const formulas = [...xml.matchAll(/<(?:[\w.-]+:)?formula(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?formula>/g)].map((m) => unescapeXml(m[1]));
  return formulas.length > 0 && formulas.every((f) => parseMarkerFormula(f) !== null);
}

/** Removes our conditional formats, notes and note shapes from a sheet. */
function removeSheetFlags(edit: PackageEdit, sheetPart: string): void {
  const xml = edit.text(sheetPart);
  if (xml === undefined) return;
  const scan = scanElements(xml);
  const splices: Splice[] = scan.children
    .filter((c) => c.local === "conditionalFormatting" && isOurFormatting(xml.slice(c.start, c.end)))
    .map((c) => ({ at: c.start, remove: c.end - c.start }));
  const rels = edit.rels(sheetPart);
  const removedCells = new Set<string>();
  for (const rel of rels.filter((r) => r.type === "comments" && !r.external)) {
    const comments = edit.text(rel.target);
    if (comments === undefined) continue;
    const result = removeOurComments(comments);
    for (const c of result.removed) removedCells.add(c);
    if (result.removed.size === 0) continue;
    if (result.remaining === 0) {
      edit.remove(rel.target);
      edit.removeRels(sheetPart, new Set([rel.id]));
      edit.removeContentTypeOverride(rel.target);
    } else edit.setText(rel.target, result.xml);
  }
  if (removedCells.size > 0) {
    for (const rel of edit.rels(sheetPart).filter((r) => r.type === "vmlDrawing" && !r.external)) {
      const vml = edit.text(rel.target);
      if (vml === undefined) continue;
      const result = removeNoteShapes(vml, removedCells);
      if (result.remainingShapes > 0) {
        edit.setText(rel.target, result.vml);
        continue;
      }
      // The drawing held only our notes: it was ours; so is its legacyDrawing reference.
      edit.remove(rel.target);
      edit.removeRels(sheetPart, new Set([rel.id]));
      edit.removeContentTypeOverride(rel.target);
      for (const c of scan.children) if (c.local === "legacyDrawing" && elementRelId(c.tag) === rel.id) splices.push({ at: c.start, remove: c.end - c.start });
    }
  }
  if (splices.length) edit.setText(sheetPart, applySplices(xml, splices));
}

/** Removes an earlier findings sheet: its `sheet` element, relationship, content type and part. */
function removeFindingsSheet(edit: PackageEdit, entry: SheetEntry): void {
  const wbPart = edit.info.part;
  const xml = edit.text(wbPart)!;
  const scan = scanElements(xml);
  const sheets = scan.children.find((c) => c.local === "sheets");
  if (!sheets || sheets.selfClosing) return;
  const inner = scanElements(xml.slice(sheets.start, sheets.end));
  const list = inner.children.filter((c) => c.local === "sheet");
  const index = list.findIndex((c) => elementRelId(c.tag) === entry.relId);
  if (index < 0) return;
  const splices: Splice[] = [{ at: sheets.start + list[index].start, remove: list[index].end - list[index].start }];
  // Sheets after it move up one place: sheet-scoped names and the active tab follow them.
  if (index < list.length - 1) {
    const names = scan.children.find((c) => c.local === "definedNames");
    if (names && !names.selfClosing) {
      const block = scanElements(xml.slice(names.start, names.end));
      for (const d of block.children) {
        const local = Number(tagAttr(d.tag, "localSheetId"));
        if (Number.isInteger(local) && local > index) {
          const m = /(\slocalSheetId\s*=\s*["'])(\d+)(["'])/.exec(d.tag)!;
          splices.push({ at: names.start + d.start + m.index + m[1].length, remove: m[2].length, insert: String(local - 1) });
        }
      }
    }
  }
  const views = scan.children.find((c) => c.local === "bookViews");
  if (views && !views.selfClosing) {
    const block = scanElements(xml.slice(views.start, views.end));
    for (const v of block.children) {
      const active = Number(tagAttr(v.tag, "activeTab"));
      if (Number.isInteger(active) && active >= index && active > 0) {
        const m = /(\sactiveTab\s*=\s*["'])(\d+)(["'])/.exec(v.tag)!;
        splices.push({ at: views.start + v.start + m.index + m[1].length, remove: m[2].length, insert: String(active === index ? 0 : active - 1) });
      }
    }
  }
  edit.setText(wbPart, applySplices(xml, splices));
  edit.removeRels(wbPart, new Set([entry.relId]));
  if (entry.part) {
    edit.remove(entry.part);
    edit.removeContentTypeOverride(entry.part);
  }
}

// --- Adding flags ---------------------------------------------------------------------------

/** Cells (`row:col`) of a sheet holding a note or a threaded comment now. */
function occupiedCells(edit: PackageEdit, sheetPart: string): Set<string> {
  const out = new Set<string>();
  for (const rel of edit.rels(sheetPart)) {
    if (rel.external) continue;
    const xml = rel.type === "comments" || rel.type === "threadedComment" ? edit.text(rel.target) : undefined;
    if (xml === undefined) continue;
    for (const c of cellKeys(rel.type === "comments" ? readComments(xml) : readThreadedComments(xml))) out.add(c);
  }
  return out;
}

/** Every `o:idmap` block used by a VML drawing of the package. */
function vmlBlocksInUse(edit: PackageEdit): Set<number> {
  const out = new Set<number>();
  for (const name of edit.names()) {
    if (!/\.vml$/i.test(name)) continue;
    const vml = edit.text(name);
    if (vml !== undefined) for (const b of vmlIdmaps(vml)) out.add(b);
  }
  return out;
}

interface SheetResult {
  notesAdded: number;
  beyondNoteCap: number;
  /** Flagged cells that keep the user's note or thread (colour only). */
  keptUserNotes: number;
}

function addSheetFlags(edit: PackageEdit, sheetPart: string, findings: readonly Finding[], lang: "id" | "en", dxf: Record<Severity, number>): SheetResult {
  const plan = planFlags(findings, lang);
  let xml = edit.text(sheetPart)!;
  const scan = scanElements(xml);
  const p = scan.prefix;
  const splices: Splice[] = [];

  const priorities = [...outsideSheetData(xml, scan).matchAll(/<(?:[\w.-]+:)?cfRule\b[^>]*?\spriority\s*=\s*["'](\d+)["']/g)].map((m) => Number(m[1]));
  let priority = Math.max(0, ...priorities) + 1;
  const formats = plan.formats
    .map(
      (g) =>
        `<${p}conditionalFormatting sqref="${g.cells.join(" ")}"><${p}cfRule type="expression" dxfId="${dxf[g.severity]}" priority="${priority++}">` +
        `<${p}formula>${escapeXml(markerFormula(g.severity, g.hash).slice(1))}</${p}formula></${p}cfRule></${p}conditionalFormatting>`,
    )
    .join("");
  if (formats) splices.push({ at: insertionPoint(scan, AFTER_CONDITIONAL_FORMATTING), insert: formats });

  const occupied = occupiedCells(edit, sheetPart);
  const notes: NoteToAdd[] = [];
  let keptUserNotes = 0;
  for (const [cell, text] of plan.notes) {
    const a = parseCellAddress(cell);
    if (occupied.has(`${a.row}:${a.col}`)) keptUserNotes++;
    else notes.push({ row: a.row, col: a.col, text });
  }
  if (notes.length > 0) {
    const rels = edit.rels(sheetPart);
    const comments = rels.find((r) => r.type === "comments" && !r.external && edit.exists(r.target));
    if (comments) edit.setText(comments.target, addToCommentsXml(edit.text(comments.target)!, notes));
    else {
      const part = edit.freePart((n) => `xl/comments${n}.xml`);
      edit.setText(part, newCommentsXml(notes, edit.info.strict));
      edit.addRel(sheetPart, "comments", part);
      edit.addContentType({ part, type: CONTENT_TYPES.comments });
    }
    const legacy = scan.children.find((c) => c.local === "legacyDrawing");
    const legacyTarget = legacy ? rels.find((r) => r.id === elementRelId(legacy.tag))?.target : undefined;
    if (legacyTarget && edit.exists(legacyTarget)) {
      const inUse = vmlBlocksInUse(edit);
      edit.setText(legacyTarget, addToVml(edit.text(legacyTarget)!, notes, (b) => inUse.has(b)));
    } else {
      const block = Math.max(0, ...vmlBlocksInUse(edit)) + 1;
      const part = edit.freePart((n) => `xl/drawings/vmlDrawing${n}.vml`);
      edit.setText(part, newVml(block, notes));
      const id = edit.addRel(sheetPart, "vmlDrawing", part);
      // An Override of its own (not a Default for .vml): removed with the part by --clean.
      edit.addContentType({ part, type: CONTENT_TYPES.vml });
      splices.push({ at: insertionPoint(scan, AFTER_LEGACY_DRAWING), insert: `<${p}legacyDrawing ${relIdAttr(edit, scan, id)}/>` });
    }
  }
  if (splices.length) {
    xml = applySplices(xml, splices);
    edit.setText(sheetPart, xml);
  }
  return { notesAdded: notes.length, keptUserNotes, beyondNoteCap: plan.beyondNoteCap.length };
}

function addFindingsSheet(edit: PackageEdit, findings: readonly Finding[], lang: "id" | "en", sheetNames: readonly string[], styles: CopyStyles): string {
  const name = freeSheetName(sheetNames, findingsSheetBaseName(lang));
  const part = edit.freePart((n) => `xl/worksheets/sheet${n}.xml`);
  edit.setBytes(part, findingsSheetXml(findings, lang, edit.info.strict, { header: styles.header, wrap: styles.wrap }));
  edit.addContentType({ part, type: CONTENT_TYPES.worksheet });
  const id = edit.addRel(edit.info.part, "worksheet", part);
  const xml = edit.text(edit.info.part)!;
  const scan = scanElements(xml);
  const sheets = scan.children.find((c) => c.local === "sheets");
  if (!sheets) throw new Error("workbook without a sheets element");
  const ids = [...xml.slice(sheets.start, sheets.end).matchAll(/\ssheetId\s*=\s*["'](\d+)["']/g)].map((m) => Number(m[1]));
  const element = `<${scan.prefix}sheet name="${escapeXml(name)}" sheetId="${Math.max(0, ...ids) + 1}" ${relIdAttr(edit, scan, id)}/>`;
  const splice: Splice = sheets.selfClosing
    ? { at: sheets.start, remove: sheets.end - sheets.start, insert: `${sheets.tag.replace(/\s*\/>$/, ">")}${element}</${sheets.name}>` }
    : { at: innerOf(xml, sheets).to, insert: element };
  edit.setText(edit.info.part, applySplices(xml, [splice]));
  return name;
}

// --- The copy ---------------------------------------------------------------------------------

export interface CopyResult {
  bytes: Buffer;
  /** The findings sheet's name; null for a cleaned copy. */
  findingsSheet: string | null;
  notesAdded: number;
  /** Flagged cells whose note stays the user's (colour only). */
  keptUserNotes: number;
  /** Flagged cells past the per-sheet note cap (colour only). */
  beyondNoteCap: number;
  /** True when an earlier copy's flags or findings sheet were replaced or removed. */
  replacedEarlier: boolean;
}

function worksheets(opened: OpenedWorkbook): SheetEntry[] {
  return opened.info.sheets.filter((s) => s.kind === "worksheet" && s.part !== null);
}

/** The worksheets that are an earlier copy's findings sheet (A1 holds the marker title). */
function earlierFindingsSheets(opened: OpenedWorkbook): SheetEntry[] {
  return worksheets(opened).filter((s) => {
    const snap = opened.snapshot.sheets.find((x) => x.name === s.name);
    return snap !== undefined && isFindingsSheetTitle(valueAt(snap, 1, 1));
  });
}

/** Removes what an earlier copy added; true when there was anything. */
function removeEarlier(edit: PackageEdit, opened: OpenedWorkbook): boolean {
  const earlier = earlierFindingsSheets(opened);
  for (const s of earlier) removeFindingsSheet(edit, s);
  for (const s of worksheets(opened)) if (!earlier.includes(s)) removeSheetFlags(edit, s.part!);
  return !edit.untouched;
}

/** The annotated copy's bytes. */
export function annotatePackage(opened: OpenedWorkbook, findings: readonly Finding[], lang: "id" | "en" = "id"): CopyResult {
  const edit = new PackageEdit(opened.pkg, opened.info);
  const replacedEarlier = removeEarlier(edit, opened);
  const earlier = new Set(earlierFindingsSheets(opened).map((s) => s.name));
  const kept = worksheets(opened).filter((s) => !earlier.has(s.name));
  const styles = ensureCopyStyles(edit);
  const dxf = styles.dxf;
  let notesAdded = 0;
  let keptUserNotes = 0;
  let beyondNoteCap = 0;
  for (const s of kept) {
    const own = findings.filter((f) => f.sheet === s.name);
    if (own.length === 0) continue;
    const r = addSheetFlags(edit, s.part!, own, lang, dxf);
    notesAdded += r.notesAdded;
    keptUserNotes += r.keptUserNotes;
    beyondNoteCap += r.beyondNoteCap;
  }
  const names = opened.info.sheets.map((s) => s.name).filter((n) => !earlier.has(n));
  const findingsSheet = addFindingsSheet(edit, findings, lang, names, styles);
  return { bytes: edit.write(), findingsSheet, notesAdded, keptUserNotes, beyondNoteCap, replacedEarlier };
}

/** A copy with everything the checker wrote removed (flags, notes, findings sheet, unused dxfs). */
export function cleanPackage(opened: OpenedWorkbook): CopyResult {
  const edit = new PackageEdit(opened.pkg, opened.info);
  const replacedEarlier = removeEarlier(edit, opened);
  removeCopyStyles(
    edit,
    edit.names().filter((n) => worksheets(opened).some((s) => s.part === n)).map((n) => edit.text(n)!),
  );
  return { bytes: edit.write(), findingsSheet: null, notesAdded: 0, keptUserNotes: 0, beyondNoteCap: 0, replacedEarlier };
}

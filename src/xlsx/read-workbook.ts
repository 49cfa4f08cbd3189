/**
 * OOXML workbooks (`.xlsx`, `.xlsm`, `.xltx`, `.xltm`, Transitional or Strict) → sheet
 * snapshots, read from the package directly: the zip container with capped inflation
 * (./zip.ts), each part streamed through a SAX parser (./xml.ts).
 *
 * Fills the snapshot exactly as the Office adapter does from a live workbook, so the
 * engine cannot tell the two apart: rich text is flattened to its plain text, dates stay
 * serial numbers (their meaning is in the number format), formula cells carry their
 * cached result as value and `=…` as formula (shared formulas translated to each cell),
 * error values become `{ error: "#DIV/0!" }`, cells covered by a merge read empty.
 */
import { promises as fs } from "fs";
import { parseCellAddress } from "../engine/address";
import { SheetBuilder, type SheetNote, type SheetSnapshot, type WorkbookSnapshot } from "../engine/snapshot";
import { openWorkbook, readRels, type WorkbookInfo } from "./ooxml";
import { readSheetXml, type SheetReadContext } from "./sheet-xml";
import { readComments, readNumberFormats, readSharedStrings, readTable, readThreadedComments } from "./workbook-parts";
import { DEFAULT_ZIP_LIMITS, ZipPackage, type ZipLimits } from "./zip";

/** Milliseconds between the Excel epoch (1899-12-30, 1900 date system) and the Unix epoch. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

export function dateToSerial(date: Date): number {
  return (date.getTime() - EXCEL_EPOCH_MS) / MS_PER_DAY;
}

export interface ReadOptions {
  limits?: ZipLimits;
  /** Filled cells a workbook may hold (all sheets); beyond, reading stops with TooManyCellsError. */
  maxCells?: number;
}

/** About 300 MB of snapshot: far above any measurement workbook, far below a worker's heap. */
export const DEFAULT_MAX_CELLS = 3_000_000;

export interface OpenedWorkbook {
  pkg: ZipPackage;
  info: WorkbookInfo;
  snapshot: WorkbookSnapshot;
}

export async function readWorkbookFile(path: string, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  return readWorkbookBuffer(await fs.readFile(path), options);
}

export function readWorkbookBuffer(buffer: Buffer | ArrayBuffer | Uint8Array, options: ReadOptions = {}): WorkbookSnapshot {
  return openWorkbookBuffer(buffer, options).snapshot;
}

/** The package, its workbook structure and the snapshot of every worksheet. */
export function openWorkbookBuffer(buffer: Buffer | ArrayBuffer | Uint8Array, options: ReadOptions = {}): OpenedWorkbook {
  const data = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer as ArrayBuffer);
  const pkg = new ZipPackage(data, options.limits ?? DEFAULT_ZIP_LIMITS);
  const info = openWorkbook(pkg);
  const wbRels = info.rels;
  const stylesPart = wbRels.find((r) => r.type === "styles" && !r.external)?.target;
  const sstPart = wbRels.find((r) => r.type === "sharedStrings" && !r.external)?.target;
  const ctx: SheetReadContext = {
    formats: readNumberFormats(stylesPart ? pkg.text(stylesPart) : undefined),
    sharedStrings: readSharedStrings(sstPart ? pkg.text(sstPart) : undefined),
    date1904: info.date1904,
    budget: { cells: options.maxCells ?? DEFAULT_MAX_CELLS },
  };
  const sheets: SheetSnapshot[] = [];
  for (const entry of info.sheets) {
    // Chart sheets, dialog and macro sheets hold no cells to check.
    if (entry.kind !== "worksheet" || !entry.part) continue;
    // pkg.text drops the inflated bytes as soon as they are text: the part is held once, not twice.
    const xml = pkg.text(entry.part);
    if (xml === undefined) continue;
    const b = new SheetBuilder(entry.name);
    readSheetXml(xml, b, ctx);
    readSheetParts(pkg, entry.part, b);
    sheets.push(b.build());
  }
  return { pkg, info, snapshot: { sheets } };
}

/** The sheet's notes, threaded comments and Excel Tables, through its relationships. */
function readSheetParts(pkg: ZipPackage, sheetPart: string, b: SheetBuilder): void {
  const notes = new Map<string, SheetNote>();
  const threaded = new Set<string>();
  for (const rel of readRels(pkg, sheetPart)) {
    if (rel.external) continue;
    const xml = pkg.text(rel.target);
    if (xml === undefined) continue;
    if (rel.type === "table") {
      const t = readTable(xml);
      if (t) b.tables.push(t);
    } else if (rel.type === "threadedComment") {
      for (const c of readThreadedComments(xml)) {
        const at = cellOf(c.ref);
        if (!at) continue;
        threaded.add(`${at.row}:${at.col}`);
        notes.set(`${at.row}:${at.col}`, { row: at.row, col: at.col, kind: "threaded", text: c.text });
      }
    } else if (rel.type === "comments") {
      for (const c of readComments(xml)) {
        const at = cellOf(c.ref);
        // Excel 365 writes a note beside each threaded comment for older readers: the thread is what the cell holds.
        if (!at || threaded.has(`${at.row}:${at.col}`)) continue;
        notes.set(`${at.row}:${at.col}`, { row: at.row, col: at.col, kind: "note", text: c.text });
      }
    }
  }
  // A threaded comment read after its fallback note replaces it (the map is keyed by cell).
  b.notes = [...notes.values()];
}

function cellOf(ref: string): { row: number; col: number } | null {
  try {
    return parseCellAddress(ref.split(":")[0]);
  } catch {
    return null;
  }
}

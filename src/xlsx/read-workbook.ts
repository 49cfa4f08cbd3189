/**
 * `.xlsx` → sheet snapshots, with exceljs.
 *
 * Fills the snapshot exactly as the Office adapter does from a live workbook, so the
 * engine cannot tell the two apart: rich text is flattened to its plain text, dates
 * become Excel serial numbers (their meaning stays in the number format), formula cells
 * carry their cached result as value and `=…` as formula (shared formulas translated to
 * each cell), and error values become `{ error: "#DIV/0!" }`.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import { SheetBuilder, type Area, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "../engine/snapshot";
import { checkZipLimits } from "./zip-guard";

/** Milliseconds between the Excel epoch (1899-12-30, 1900 date system) and the Unix epoch. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

export function dateToSerial(date: Date): number {
  return (date.getTime() - EXCEL_EPOCH_MS) / MS_PER_DAY;
}

export async function readWorkbookFile(path: string): Promise<WorkbookSnapshot> {
  const buffer = await fs.readFile(path);
  return readWorkbookBuffer(buffer);
}

export async function readWorkbookBuffer(buffer: Buffer | ArrayBuffer | Uint8Array): Promise<WorkbookSnapshot> {
  const workbook = new ExcelJS.Workbook();
  // exceljs' typings want a Node Buffer; a Uint8Array view over the same bytes works too.
  const data = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer as ArrayBuffer);
  // Refuse a zip bomb from the archive's own directory, before anything is inflated.
  checkZipLimits(data);
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  return snapshotWorkbook(workbook);
}

export function snapshotWorkbook(workbook: ExcelJS.Workbook): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = [];
  workbook.eachSheet((ws) => sheets.push(snapshotWorksheet(ws)));
  return { sheets };
}

export function snapshotWorksheet(ws: ExcelJS.Worksheet): SheetSnapshot {
  const b = new SheetBuilder(ws.name);
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // A slave cell of a merge reports its master's value in exceljs; Excel reports it empty.
      if (cell.isMerged && cell.master !== cell) return;
      const { value, formula } = convertCell(cell);
      b.set(rowNumber, colNumber, value, formula, cell.numFmt || "General");
    });
  });
  b.merges = readMerges(ws);
  return b.build();
}

function readMerges(ws: ExcelJS.Worksheet): Area[] {
  // exceljs keeps merges in a private map; `ws.model.merges` would rebuild the whole
  // sheet model (slow on large sheets), so read the map when it is there.
  const internal = (ws as unknown as { _merges?: Record<string, Area> })._merges;
  if (internal) {
    return Object.values(internal).map((m) => ({ top: m.top, left: m.left, bottom: m.bottom, right: m.right }));
  }
  return [];
}

function convertCell(cell: ExcelJS.Cell): { value: CellValue; formula: string | null } {
  const raw = cell.value;
  if (cell.type === ExcelJS.ValueType.Formula) {
    const formulaValue = raw as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
    const text = cell.formula;
    return { value: convertPlain(formulaValue.result ?? null), formula: text ? `=${text}` : null };
  }
  return { value: convertPlain(raw), formula: null };
}

function convertPlain(raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "string") return raw === "" ? null : raw;
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  if (typeof raw === "boolean") return raw;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : dateToSerial(raw);
  if (typeof raw === "object") {
    const o = raw as Record<string, unknown>;
    if (typeof o.error === "string") return { error: o.error };
    if (Array.isArray(o.richText)) {
      return (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === "string" ? r.text : "")).join("");
    }
    if ("text" in o) return convertPlain(o.text);
    if ("result" in o) return convertPlain(o.result);
  }
  return null;
}

/**
 * One table from its header row: columns, extent, metadata above it, indicators in it.
 *
 * The table runs down to a blank row, a metadata block, a signature, a title line or a
 * different header. A repeated header (page break) continues it unless the numbering
 * restarts under it. Blank rows and a position label (`KABAG …`, `Eselon IV`) between
 * the header and rows that carry on the numbering do not end it either.
 */
import { formulaAt, isColHidden, isRowHidden, type SheetSnapshot, type SheetTable } from "../snapshot";
import { columnLetters } from "../address";
import { MONTHS } from "../vocab";
import type { TextGrid } from "./grid";
import { columnMatchAt, headerLeft, headerRight, isColumnNumberRow, isSubHeaderRow, matchHeaderRow, readColumns } from "./header";
import { metadataLine, readMetadata } from "./metadata";
import { isRowNumber, readIndicators } from "./rows";
import { inferUnnamedColumns } from "./infer-columns";
import { aggregateOf } from "./formula-refs";
import type { ClosingRow, LayoutNote, RecognizedTable, TableColumn, TableKind, TableMeta } from "./types";

const SIGNATURE = new RegExp(`^(nip\\b|ditetapkan di|pada tanggal|[a-z .'-]{3,40},\\s*\\d{1,2}\\s+(${MONTHS})\\s+\\d{4}\\b)`);

function isSignatureRow(grid: TextGrid, row: number): boolean {
  const cols = grid.filledCols(row);
  return cols.length > 0 && cols.length <= 2 && cols.some((c) => SIGNATURE.test(grid.norm(row, c)));
}

/** One lone label in the first column (a title, a position label): not table content. */
function isLoneLabelRow(grid: TextGrid, row: number, left: number, right: number): boolean {
  const cols = grid.filledCols(row);
  if (cols.length === 0) return false;
  if (cols.every((c) => c < left || c > right)) return true;
  return cols.length === 1 && cols[0] <= left && !isRowNumber(grid.norm(row, cols[0]));
}

function roleSignature(columns: readonly TableColumn[]): string {
  return columns.map((c) => `${c.col}:${c.role}`).join(",");
}

/** IKU or IKI from the Indikator header, else from the nearest title above the table. */
function tableKind(
  columns: readonly TableColumn[],
  grid: TextGrid,
  headerRow: number,
  subRow: number | null,
  blockTop: number,
): TableKind {
  if (columns.some((c) => c.role === "realisasi")) return "PK";
  const ind = columns.find((c) => c.role === "indikator");
  const text = ind ? `${grid.norm(headerRow, ind.col)} ${subRow ? grid.norm(subRow, ind.col) : ""}` : "";
  if (/utama|\biku\b/.test(text)) return "IKU";
  if (/individu|\biki\b/.test(text)) return "IKI";
  for (let r = headerRow - 1; r >= blockTop; r--) {
    const line = grid.joined(r);
    if (/indikator kinerja utama|\(iku\)/.test(line)) return "IKU";
    if (/indikator kinerja individu|\(iki\)/.test(line)) return "IKI";
  }
  return "IKI";
}

interface Extent {
  dataRows: number[];
  repeatedHeaderRows: number[];
  sectionRows: number[];
  innerMeta: TableMeta | null;
  closingRows: ClosingRow[];
  hiddenRows: number[];
}

/** `JUMLAH`, `TOTAL`, `Sub Total`: the row adds up the rows above. */
const SUM_LABEL = /^(?:jumlah|total|jumlah total|total keseluruhan|jumlah keseluruhan|grand total|sub ?total|sub jumlah|jumlah capaian|total capaian)$/;
/** `Rata-rata`, `Rata-rata Capaian`, `Nilai Capaian Kinerja`, `Capaian Kinerja Sasaran`: the row averages them. */
const AVERAGE_LABEL =
  /^(?:rata[\s-]*rata|rerata|rata[\s-]*rata capaian(?: kinerja)?(?: sasaran)?|capaian rata[\s-]*rata|rata[\s-]*rata nilai capaian|nilai capaian(?: kinerja)?(?: sasaran)?|capaian kinerja(?: sasaran)?|nilai rata[\s-]*rata|nilai akhir|nilai kinerja)$/;
/** Under a closing row: the class of the average (`Predikat`, `Kategori`). */
const CLASS_LABEL = /^(?:predikat|kategori|predikat capaian|kategori capaian|predikat kinerja|kategori kinerja)$/;

/** Roles whose cells may hold text in a row of totals (a class beside the average, a remark). */
const TEXT_ROLES = new Set(["predikat", "keterangan", "satuan", "penanggungJawab", "sumber"]);

/**
 * A row that closes or summarises the table: a closing label in the No / Sasaran / Indikator
 * part with no row number, or (no label) formulas that aggregate the column above them.
 */
export function closingRowAt(
  grid: TextGrid,
  sheet: SheetSnapshot,
  row: number,
  columns: readonly TableColumn[],
  left: number,
  right: number,
  afterClosing: boolean,
): ClosingRow | null {
  const cols = grid.filledCols(row).filter((c) => c >= left && c <= right && !isColHidden(sheet, c));
  if (cols.length === 0) return null;
  const noCol = columns.find((c) => c.role === "no")?.col;
  const nameCol = columns.find((c) => c.role === "indikator")?.col ?? left;
  const first = cols[0];
  if (first <= nameCol) {
    if (noCol !== undefined && isRowNumber(grid.norm(row, noCol))) return null;
    // Only the label in the label part (No … Indikator, often one merged cell).
    if (cols.filter((c) => c <= nameCol).length > 1) return null;
    const label = grid.norm(row, first).replace(/\(\s*%\s*\)/g, "").replace(/[\s:%.]+$/, "").trim();
    const target = columns.find((c) => c.role === "target" && (c.period === null || c.period === "Tahunan"))?.col;
    if (SUM_LABEL.test(label)) return { row, label: grid.text(row, first).trim(), labelFn: "sum", listTotals: false };
    // An average row has no target of its own typed in (an unnumbered indicator named `Rata-rata …` would).
    const typedTarget = target !== undefined && grid.norm(row, target) !== "" && formulaAt(sheet, row, target) === null;
    if (AVERAGE_LABEL.test(label) && !typedTarget) return { row, label: grid.text(row, first).trim(), labelFn: "average", listTotals: false };
    if (afterClosing && CLASS_LABEL.test(label)) return { row, label: grid.text(row, first).trim(), labelFn: null, listTotals: false };
    return null;
  }
  let aggregates = 0;
  for (const c of cols) {
    const formula = formulaAt(sheet, row, c);
    if (!formula) {
      const role = columns.find((x) => x.col === c)?.role;
      if (role && TEXT_ROLES.has(role)) continue;
      return null;
    }
    const agg = aggregateOf(formula, sheet, row, c);
    if (!agg || agg.ref.sheet !== null || agg.ref.area.left !== c || agg.ref.area.right !== c || agg.ref.area.bottom >= row) return null;
    aggregates++;
  }
  return aggregates > 0 ? { row, label: null, labelFn: null, listTotals: false } : null;
}

/** The Excel Table whose (one) header row is this header row, over the header's columns. */
function listObjectOf(sheet: SheetSnapshot, headerRow: number, left: number, right: number): SheetTable | null {
  return sheet.tables.find((t) => t.headerRows > 0 && t.area.top === headerRow && t.area.left <= right && t.area.right >= left) ?? null;
}

/** A column of names, not numbers: a Rekap sheet's `Jumlah …` counts are no indicator names. */
function namesAreNumbers(grid: TextGrid, columns: readonly TableColumn[], dataRows: readonly number[]): boolean {
  const col = columns.find((c) => c.role === "indikator")?.col;
  if (col === undefined) return false;
  let filled = 0;
  let numeric = 0;
  for (const r of dataRows) {
    const t = grid.norm(r, col);
    if (!t) continue;
    filled++;
    if (/^[\d\s.,%()+-]+$/.test(t)) numeric++;
  }
  return filled >= 2 && numeric * 2 > filled;
}

/** Notes on columns: a hidden column that has a header the engine would read, a period twice. */
function columnNotes(grid: TextGrid, sheet: SheetSnapshot, columns: readonly TableColumn[], headerRow: number, subRow: number | null, left: number, right: number): LayoutNote[] {
  const notes: LayoutNote[] = [];
  const bottom = subRow ?? headerRow;
  for (let c = left; c <= right; c++) {
    if (!isColHidden(sheet, c)) continue;
    const m = columnMatchAt(grid, sheet, headerRow, subRow, left, c);
    if (!m) continue;
    const header = [grid.text(headerRow, c), subRow === null ? "" : grid.text(subRow, c)].map((t) => t.trim()).filter(Boolean).join(" / ") || m.role;
    notes.push({
      row: bottom,
      col: c,
      kind: "hidden-role-column",
      message: {
        id: `Kolom ${columnLetters(c)} ("${header}") tersembunyi dan tidak dibaca; tampilkan kolom itu bila isinya bagian dari tabel.`,
        en: `Column ${columnLetters(c)} ("${header}") is hidden and not read; unhide it if it belongs to the table.`,
      },
    });
  }
  const seen = new Map<string, TableColumn>();
  for (const c of columns) {
    if (c.role !== "realisasi" || c.period === null) continue;
    const key = `${c.period}|${c.runningTotal}`;
    const before = seen.get(key);
    if (!before) {
      seen.set(key, c);
      continue;
    }
    notes.push({
      row: bottom,
      col: c.col,
      kind: "duplicate-period",
      message: {
        id: `Kolom ${columnLetters(c.col)} dan ${columnLetters(before.col)} sama-sama realisasi ${c.period}; yang dipakai kolom ${columnLetters(before.col)}.`,
        en: `Columns ${columnLetters(c.col)} and ${columnLetters(before.col)} are both the ${c.period} realisation; column ${columnLetters(before.col)} is used.`,
      },
    });
  }
  return notes;
}

export function buildTable(grid: TextGrid, sheet: SheetSnapshot, headerRow: number, blockTop: number): RecognizedTable | null {
  const left = headerLeft(grid, headerRow);
  let next = headerRow + 1;
  const subRow = isSubHeaderRow(grid, sheet, headerRow, next, left) ? next : null;
  if (subRow !== null) next++;
  const right = headerRight(grid, sheet, headerRow, subRow);
  const named = readColumns(grid, sheet, headerRow, subRow, left, right);
  if (!named.some((c) => c.role === "indikator")) return null;
  const columnNumberRow = isColumnNumberRow(grid, next) ? next : null;
  if (columnNumberRow !== null) next++;

  const list = listObjectOf(sheet, headerRow, left, right);
  const extent = findExtent(grid, sheet, named, { headerRow, subRow, left, right, start: next, list });
  if (extent.dataRows.length === 0) return null;
  if (namesAreNumbers(grid, named, extent.dataRows)) return null;
  const columns = inferUnnamedColumns(grid, named, left, right, extent.dataRows);

  const meta = readMetadata(grid, blockTop, headerRow - 1);
  if (extent.innerMeta) {
    meta.jabatan ??= extent.innerMeta.jabatan;
    meta.perangkatDaerah ??= extent.innerMeta.perangkatDaerah;
  }
  const dataRows = extent.dataRows;
  return {
    sheet: sheet.name,
    kind: tableKind(columns, grid, headerRow, subRow, blockTop),
    headerTop: headerRow,
    headerBottom: subRow ?? headerRow,
    left,
    right,
    columnNumberRow,
    repeatedHeaderRows: extent.repeatedHeaderRows,
    sectionRows: extent.sectionRows,
    firstDataRow: dataRows[0],
    lastDataRow: dataRows[dataRows.length - 1],
    columns,
    runningTotals: columns.some((c) => c.runningTotal),
    meta,
    indicators: readIndicators(grid, columns, dataRows),
    closingRows: extent.closingRows,
    hiddenRows: extent.hiddenRows.filter((r) => r > dataRows[0] && r < dataRows[dataRows.length - 1]),
    listObject: list?.name ?? null,
    notes: columnNotes(grid, sheet, columns, headerRow, subRow, left, right),
  };
}

interface Frame {
  headerRow: number;
  subRow: number | null;
  left: number;
  right: number;
  start: number;
  /** The Excel Table the header heads: its data rows bound the extent, its totals row closes it. */
  list: SheetTable | null;
}

function findExtent(grid: TextGrid, sheet: SheetSnapshot, columns: readonly TableColumn[], f: Frame): Extent {
  const signature = roleSignature(columns);
  const noCol = columns.find((c) => c.role === "no")?.col;
  const repeatedHeaderRows: number[] = [];
  const sectionRows: number[] = [];
  const dataRows: number[] = [];
  let innerMeta: TableMeta | null = null;
  let numbered = false;

  /** A row that carries on the table: numbered, several cells inside the columns. */
  const isNumberedDataRow = (row: number): boolean =>
    noCol !== undefined &&
    isRowNumber(grid.norm(row, noCol)) &&
    grid.filledCols(row).filter((c) => c >= f.left && c <= f.right).length >= 3 &&
    !matchHeaderRow(grid, row) &&
    !metadataLine(grid, row);

  /** Blank rows and at most one label, then a numbered row: the table goes on there. */
  const bridge = (row: number): number | null => {
    let label = 0;
    for (let r = row; r <= grid.bottom && r < row + 6; r++) {
      if (grid.isBlankRow(r)) continue;
      if (isNumberedDataRow(r)) return r;
      if (isLoneLabelRow(grid, r, f.left, f.right) && !metadataLine(grid, r) && !isSignatureRow(grid, r) && label++ === 0) continue;
      return null;
    }
    return null;
  };

  const closingRows: ClosingRow[] = [];
  const hiddenRows: number[] = [];
  // An Excel Table says where its data ends; its totals row is the closing row.
  const bottom = f.list ? Math.min(grid.bottom, f.list.area.bottom - f.list.totalsRows) : grid.bottom;
  let closing = false;
  for (let row = f.start; row <= bottom; row++) {
    // A hidden row is neither data nor a break (a helper row, or rows an autofilter hides).
    if (isRowHidden(sheet, row)) {
      if (!grid.isBlankRow(row)) hiddenRows.push(row);
      continue;
    }
    if (f.list && grid.isBlankRow(row)) continue;
    if (!grid.isBlankRow(row)) {
      const close = closingRowAt(grid, sheet, row, columns, f.left, f.right, closing);
      if (close) {
        if (dataRows.length === 0) break;
        closingRows.push(close);
        closing = true;
        continue;
      }
    }
    if (closing) {
      // After totals the table goes on only where the numbering does (a subtotal per group).
      if (isNumberedDataRow(row)) closing = false;
      else if (!grid.isBlankRow(row) && !isLoneLabelRow(grid, row, f.left, f.right)) break;
    }
    if (grid.isBlankRow(row) || isLoneLabelRow(grid, row, f.left, f.right)) {
      const resume = metadataLine(grid, row) ? null : bridge(row);
      if (resume === null) break;
      for (let r = row; r < resume; r++) if (!grid.isBlankRow(r)) sectionRows.push(r);
      row = resume - 1;
      continue;
    }
    const meta = metadataLine(grid, row);
    if (meta && dataRows.length <= 1 && meta.key !== "other") {
      // Metadata typed into the first row of the table (seed 002): read it, keep going.
      innerMeta ??= { jabatan: null, perangkatDaerah: null, unit: null };
      for (const part of splitMetadataCell(grid, row)) {
        if (part.key === "jabatan") innerMeta.jabatan ??= part.value;
        if (part.key === "perangkatDaerah") innerMeta.perangkatDaerah ??= part.value;
      }
      continue;
    }
    if (meta || isSignatureRow(grid, row)) break;
    if (matchHeaderRow(grid, row)) {
      const repeatSub = f.subRow !== null && isSubHeaderRow(grid, sheet, row, row + 1, f.left) ? row + 1 : null;
      const again = readColumns(grid, sheet, row, repeatSub, f.left, f.right);
      if (roleSignature(again) !== signature) break;
      let after = repeatSub ?? row;
      if (isColumnNumberRow(grid, after + 1)) after++;
      // Numbering that restarts at 1 under the header: a new table, not a page break.
      if (numbered && noCol !== undefined && /^1\b/.test(grid.norm(after + 1, noCol))) break;
      repeatedHeaderRows.push(row);
      row = after;
      continue;
    }
    if (isColumnNumberRow(grid, row) && dataRows.length === 0) continue;
    if (noCol !== undefined && isRowNumber(grid.norm(row, noCol))) numbered = true;
    dataRows.push(row);
  }
  if (f.list && f.list.totalsRows > 0 && dataRows.length > 0) {
    const row = f.list.area.bottom;
    const labelCol = grid.filledCols(row).find((c) => c >= f.left && c <= f.right && !formulaAt(sheet, row, c));
    const label = labelCol === undefined ? null : grid.text(row, labelCol).trim();
    const norm = labelCol === undefined ? "" : grid.norm(row, labelCol);
    const labelFn = SUM_LABEL.test(norm) ? "sum" : AVERAGE_LABEL.test(norm) ? "average" : null;
    closingRows.push({ row, label, labelFn, listTotals: true });
  }
  return { dataRows, repeatedHeaderRows, sectionRows, innerMeta, closingRows, hiddenRows };
}

/** `1. PERANGKAT DAERAH : X 2. JABATAN : Y 3. TUGAS : Z` in one cell → its fields. */
function splitMetadataCell(grid: TextGrid, row: number): { key: string; value: string }[] {
  const text = grid
    .filledCols(row)
    .map((c) => grid.text(row, c))
    .join(" ");
  const out: { key: string; value: string }[] = [];
  const re = /(?:^|\s)\d+\s*\.\s*([A-Za-z ]{3,30}?)\s*:\s*(.*?)(?=\s+\d+\s*\.\s*[A-Za-z ]{3,30}:|$)/g;
  for (const m of text.matchAll(re)) {
    const key = m[1].trim().toLowerCase();
    if (key === "jabatan") out.push({ key: "jabatan", value: m[2].trim() });
    else if (/angkat daerah$/.test(key)) out.push({ key: "perangkatDaerah", value: m[2].trim() });
  }
  return out;
}

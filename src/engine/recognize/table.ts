/**
 * One table from its header row: columns, extent, metadata above it, indicators in it.
 *
 * The table runs down to a blank row, a metadata block, a signature, a title line or a
 * different header. A repeated header (page break) continues it unless the numbering
 * restarts under it. Blank rows and a position label (`KABAG …`, `Eselon IV`) between
 * the header and rows that carry on the numbering do not end it either.
 */
import type { SheetSnapshot } from "../snapshot";
import { MONTHS } from "../vocab";
import type { TextGrid } from "./grid";
import { headerLeft, headerRight, isColumnNumberRow, isSubHeaderRow, matchHeaderRow, readColumns } from "./header";
import { metadataLine, readMetadata } from "./metadata";
import { isRowNumber, readIndicators } from "./rows";
import { inferUnnamedColumns } from "./infer-columns";
import type { RecognizedTable, TableColumn, TableKind, TableMeta } from "./types";

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

  const extent = findExtent(grid, sheet, named, { headerRow, subRow, left, right, start: next });
  if (extent.dataRows.length === 0) return null;
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
  };
}

interface Frame {
  headerRow: number;
  subRow: number | null;
  left: number;
  right: number;
  start: number;
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

  for (let row = f.start; row <= grid.bottom; row++) {
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
  return { dataRows, repeatedHeaderRows, sectionRows, innerMeta };
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

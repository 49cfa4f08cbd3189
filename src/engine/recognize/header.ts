/**
 * Header detection: which row is an indicator table's header, a sub-header under it
 * (two-row headers with merged group cells), and the `1 2 3 4 5` column-number row.
 */
import { isColHidden, type SheetSnapshot } from "../snapshot";
import type { TextGrid } from "./grid";
import { matchColumn, matchRole } from "./vocabulary";
import { isPeriodOnly } from "./periods";
import type { ColumnRole, TableColumn } from "./types";

/** Roles that, besides an Indikator column, make a row an indicator-table header. */
const SUPPORTING: ReadonlySet<ColumnRole> = new Set<ColumnRole>([
  "no", "sasaran", "target", "formula", "sumber", "satuan", "realisasi", "capaian", "penanggungJawab", "baseline", "final",
]);

const MAX_HEADER_CELL = 90;
const INDIKATOR_HINT = /indikator|\bik[ui]\b/;

export interface HeaderRowMatch {
  row: number;
  roles: Map<number, ColumnRole>;
}

/** A row is a header when it names an Indikator column and at least two other known columns. */
export function matchHeaderRow(grid: TextGrid, row: number): HeaderRowMatch | null {
  const cols = grid.filledCols(row);
  if (cols.length < 3) return null;
  // Cheap first: no header without an Indikator column (this runs on every row of a sheet).
  if (!cols.some((c) => INDIKATOR_HINT.test(grid.norm(row, c)))) return null;
  const roles = new Map<number, ColumnRole>();
  let long = 0;
  for (const c of cols) {
    const t = grid.norm(row, c);
    if (t.length > MAX_HEADER_CELL) {
      long++;
      continue;
    }
    const role = matchRole(t);
    if (role) roles.set(c, role);
  }
  if (long > 0) return null;
  const distinct = new Set(roles.values());
  if (!distinct.has("indikator")) return null;
  let supporting = 0;
  for (const r of distinct) if (SUPPORTING.has(r)) supporting++;
  return supporting >= 2 ? { row, roles } : null;
}

/** `1 2 3 4 5` under a header (possibly partial): small increasing integers only. */
export function isColumnNumberRow(grid: TextGrid, row: number): boolean {
  const cols = grid.filledCols(row);
  if (cols.length < 2) return false;
  let prev = 0;
  for (const c of cols) {
    // `6`, `(6)`, and computed columns of the Permendagri 86 form: `6=5/4x100`, `13 = 6 + 12`.
    const m = /^\(?(\d{1,2})\)?(?:\s*=.*)?$/.exec(grid.norm(row, c));
    if (!m) return false;
    const n = Number(m[1]);
    if (n <= prev) return false;
    prev = n;
  }
  return true;
}

/**
 * A sub-header row: no row number, only short labels, and at least one label sits under
 * a group (an empty or horizontally merged header cell) or is a period label.
 */
export function isSubHeaderRow(grid: TextGrid, sheet: SheetSnapshot, headerRow: number, row: number, left: number): boolean {
  const cols = grid.filledCols(row);
  if (cols.length === 0) return false;
  if (grid.norm(row, left) !== "" && !isPeriodOnly(grid.norm(row, left))) return false;
  let underGroup = false;
  for (const c of cols) {
    const t = grid.norm(row, c);
    if (t.length > 60 || /^\d+$/.test(t)) return false;
    if (matchRole(t) === "indikator" && grid.norm(headerRow, c) === "") underGroup = true;
    const head = grid.norm(headerRow, c);
    const merged = sheet.merges.some((m) => m.top === headerRow && m.left <= c && m.right >= c && m.right > m.left);
    if (head === "" || merged || isPeriodOnly(t)) underGroup = true;
  }
  return underGroup;
}

/** The group text over column `col` of a two-row header. */
function groupText(grid: TextGrid, sheet: SheetSnapshot, headerRow: number, col: number, left: number): string {
  const own = grid.norm(headerRow, col);
  if (own) return own;
  const merge = sheet.merges.find((m) => m.top === headerRow && m.left <= col && m.right >= col);
  if (merge) return grid.norm(headerRow, merge.left);
  // No merge recorded (pasted text): the nearest label to the left heads the group.
  for (let c = col - 1; c >= left; c--) {
    const t = grid.norm(headerRow, c);
    if (t) return t;
  }
  return "";
}

/** Right edge of the header: its last label, merged areas and sub-header included. */
export function headerRight(grid: TextGrid, sheet: SheetSnapshot, headerRow: number, subRow: number | null): number {
  let right = Math.max(...grid.filledCols(headerRow));
  if (subRow !== null) right = Math.max(right, ...grid.filledCols(subRow));
  for (const m of sheet.merges) if (m.top === headerRow && m.left <= right && m.right > right) right = m.right;
  return right;
}

export function headerLeft(grid: TextGrid, headerRow: number): number {
  return Math.min(...grid.filledCols(headerRow));
}

/** The role a header cell would give its column, hidden or not (for notes on hidden columns). */
export function columnMatchAt(grid: TextGrid, sheet: SheetSnapshot, headerRow: number, subRow: number | null, left: number, c: number): ReturnType<typeof matchColumn> {
  const sub = subRow === null ? "" : grid.norm(subRow, c);
  const group = subRow === null ? grid.norm(headerRow, c) : groupText(grid, sheet, headerRow, c, left);
  if (subRow !== null && sub === "" && grid.norm(headerRow, c) === "") return null;
  return subRow === null ? matchColumn("", group) : matchColumn(sub ? group : "", sub || group);
}

/** Column roles of a header (and its sub-header), left to right. */
export function readColumns(
  grid: TextGrid,
  sheet: SheetSnapshot,
  headerRow: number,
  subRow: number | null,
  left: number,
  right: number,
): TableColumn[] {
  const columns: TableColumn[] = [];
  for (let c = left; c <= right; c++) {
    // A hidden column is not read: a helper (the SUM of the months) or something the user put away.
    if (isColHidden(sheet, c)) continue;
    const sub = subRow === null ? "" : grid.norm(subRow, c);
    const group = subRow === null ? grid.norm(headerRow, c) : groupText(grid, sheet, headerRow, c, left);
    if (subRow !== null && sub === "" && grid.norm(headerRow, c) === "") continue;
    const match = subRow === null ? matchColumn("", group) : matchColumn(sub ? group : "", sub || group);
    if (!match) continue;
    const header = [grid.text(headerRow, c) || (sub ? group : ""), subRow === null ? "" : grid.text(subRow, c)]
      .map((s) => s.trim())
      .filter(Boolean)
      .join(" / ");
    columns.push({ col: c, role: match.role, period: match.period, runningTotal: match.runningTotal, header });
  }
  return fixDuplicateIndikator(columns);
}

/**
 * `Indikator Kinerja Utama` typed twice (seed 004): with no Sasaran column, the left
 * one holds the sasaran.
 */
function fixDuplicateIndikator(columns: TableColumn[]): TableColumn[] {
  const ind = columns.filter((c) => c.role === "indikator");
  if (ind.length < 2 || columns.some((c) => c.role === "sasaran")) return columns;
  return columns.map((c) => (c === ind[0] ? { ...c, role: "sasaran" as const } : c));
}

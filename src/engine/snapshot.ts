/**
 * The sheet snapshot: the one input of the engine.
 *
 * Built by the Office adapter (batched reads of the used range) or by the workbook-file
 * reader (src/xlsx). Everything the engine knows about a worksheet comes from here, so
 * both hosts fill it the same way: values as Excel shows them to formulas (numbers stay
 * numbers, dates are serial numbers, error values are `CellError`), the formula text of
 * formula cells, number formats, merged areas, hidden rows and columns, Excel Tables and
 * where notes and threaded comments sit.
 *
 * Sparse: only cells that hold a value or a formula are stored, so memory follows what a
 * sheet holds, not its used rectangle (a sheet with A1 and XFD1048576 is two cells).
 */

/** An Excel error value such as `#DIV/0!` or `#REF!`. */
export interface CellError {
  readonly error: string;
}

export type CellValue = string | number | boolean | CellError | null;

/** A rectangular area in absolute, 1-based sheet coordinates (inclusive). */
export interface Area {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** One cell that holds a value or a formula. */
export interface SnapshotCell {
  readonly value: CellValue;
  /** `=SUM(A1:A3)` for a formula cell, else null. */
  readonly formula: string | null;
  /** Number format code (`General`, `0.00%`, `#,##0`). */
  readonly numberFormat: string;
}

/** The filled cells of one row by absolute column, in ascending column order. */
export type SnapshotRow = ReadonlyMap<number, SnapshotCell>;

/** An inclusive run of row or column numbers. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

/** An Excel Table (ListObject). */
export interface SheetTable {
  readonly name: string;
  readonly area: Area;
  /** 0 when the table shows no header row, else 1. */
  readonly headerRows: number;
  readonly totalsRows: number;
  readonly autoFilter: boolean;
}

/** A note (legacy comment) or a threaded comment, where it sits. */
export interface SheetNote {
  readonly row: number;
  readonly col: number;
  readonly kind: "note" | "threaded";
  readonly text: string;
}

export interface SheetSnapshot {
  readonly name: string;
  /** The used range: the smallest area covering every filled cell and merge; null when the sheet is empty. */
  readonly bounds: Area | null;
  /** Filled cells by absolute row, rows in ascending order. */
  readonly rows: ReadonlyMap<number, SnapshotRow>;
  /** Merged areas, absolute coordinates. */
  readonly merges: readonly Area[];
  /** Hidden rows and columns, as sorted, non-overlapping spans. */
  readonly hiddenRows: readonly Span[];
  readonly hiddenCols: readonly Span[];
  readonly tables: readonly SheetTable[];
  readonly notes: readonly SheetNote[];
}

export interface WorkbookSnapshot {
  readonly sheets: readonly SheetSnapshot[];
}

export function isCellError(value: CellValue): value is CellError {
  return typeof value === "object" && value !== null && "error" in value;
}

/** The cell at an absolute 1-based address, or undefined when it holds nothing. */
export function cellAt(sheet: SheetSnapshot, row: number, col: number): SnapshotCell | undefined {
  return sheet.rows.get(row)?.get(col);
}

/** Value at an absolute 1-based address; null for an empty cell. */
export function valueAt(sheet: SheetSnapshot, row: number, col: number): CellValue {
  return sheet.rows.get(row)?.get(col)?.value ?? null;
}

export function formulaAt(sheet: SheetSnapshot, row: number, col: number): string | null {
  return sheet.rows.get(row)?.get(col)?.formula ?? null;
}

/** The cell's number format; null for an empty cell. */
export function numberFormatAt(sheet: SheetSnapshot, row: number, col: number): string | null {
  return sheet.rows.get(row)?.get(col)?.numberFormat ?? null;
}

/** The text a user sees in a cell (numbers in plain JS form, errors as their code). */
export function textAt(sheet: SheetSnapshot, row: number, col: number): string {
  return cellText(valueAt(sheet, row, col));
}

export function cellText(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value.error;
}

/** Last absolute row of the used range (0 when the sheet is empty). */
export function lastRow(sheet: SheetSnapshot): number {
  return sheet.bounds?.bottom ?? 0;
}

function inSpans(spans: readonly Span[], n: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (n < spans[mid].from) hi = mid - 1;
    else if (n > spans[mid].to) lo = mid + 1;
    else return true;
  }
  return false;
}

export function isRowHidden(sheet: SheetSnapshot, row: number): boolean {
  return inSpans(sheet.hiddenRows, row);
}

export function isColHidden(sheet: SheetSnapshot, col: number): boolean {
  return inSpans(sheet.hiddenCols, col);
}

/** Every filled cell, row by row, left to right. */
export function* eachCell(sheet: SheetSnapshot): Generator<{ row: number; col: number; cell: SnapshotCell }> {
  for (const [row, line] of sheet.rows) for (const [col, cell] of line) yield { row, col, cell };
}

/** Numbers → sorted, merged spans. */
export function spansOf(numbers: Iterable<number>): Span[] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  return normalizeSpans(sorted.map((n) => ({ from: n, to: n })));
}

/** Sorts spans and merges the overlapping and adjacent ones. */
export function normalizeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].filter((s) => s.to >= s.from).sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to + 1) out[out.length - 1] = { from: last.from, to: Math.max(last.to, s.to) };
    else out.push({ from: s.from, to: s.to });
  }
  return out;
}

/**
 * Collects cells in any order and builds the snapshot: rows and columns sorted, the used
 * range computed from the cells and merges. Readers and tests build snapshots with it.
 */
export class SheetBuilder {
  private readonly cells = new Map<number, Map<number, SnapshotCell>>();
  /** Rows whose columns may be out of order or whose cells were removed: sorted again in build(). */
  private readonly unordered = new Set<number>();
  private lastRow = -1;
  private lastLine: Map<number, SnapshotCell> | undefined;
  private lastCol = 0;
  private rowsAscending = true;
  merges: Area[] = [];
  hiddenRows: Span[] = [];
  hiddenCols: Span[] = [];
  tables: SheetTable[] = [];
  notes: SheetNote[] = [];

  constructor(readonly name: string) {}

  /** Sets a cell; a cell with neither value nor formula is not stored (and removes one set before). */
  set(row: number, col: number, value: CellValue, formula: string | null = null, numberFormat: string = "General"): this {
    // Readers set cells row by row, left to right: the row at hand is kept at hand.
    let line = row === this.lastRow ? this.lastLine : this.cells.get(row);
    if (value === null && formula === null) {
      if (line?.delete(col)) this.unordered.add(row);
      return this;
    }
    if (!line) {
      if (row < this.lastRow) this.rowsAscending = false;
      this.cells.set(row, (line = new Map()));
      this.lastCol = 0;
    } else if (row !== this.lastRow) this.lastCol = Infinity; // an earlier row again: order unknown
    if (col <= this.lastCol && !line.has(col)) this.unordered.add(row);
    this.lastRow = row;
    this.lastLine = line;
    this.lastCol = col;
    line.set(col, { value, formula, numberFormat: numberFormat || "General" });
    return this;
  }

  /** Removes the cells of an area, its top-left kept when asked; visits only rows and cells that exist. */
  clearArea(a: Area, keepTopLeft = false): void {
    const height = a.bottom - a.top + 1;
    const rows = height <= this.cells.size ? Array.from({ length: height }, (_, i) => a.top + i) : [...this.cells.keys()].filter((r) => r >= a.top && r <= a.bottom);
    for (const r of rows) {
      const line = this.cells.get(r);
      if (!line) continue;
      for (const c of [...line.keys()]) {
        if (c < a.left || c > a.right || (keepTopLeft && r === a.top && c === a.left)) continue;
        line.delete(c);
        this.unordered.add(r);
      }
    }
  }

  build(): SheetSnapshot {
    const rows = new Map<number, SnapshotRow>();
    let top = Infinity;
    let left = Infinity;
    let bottom = -Infinity;
    let right = -Infinity;
    const order = this.rowsAscending ? this.cells.keys() : [...this.cells.keys()].sort((a, b) => a - b);
    for (const row of order) {
      let line = this.cells.get(row)!;
      if (line.size === 0) continue;
      if (this.unordered.has(row)) line = new Map([...line].sort((x, y) => x[0] - y[0]));
      rows.set(row, line);
      // Columns are ascending: the first and last keys bound the row.
      let first = 0;
      let last = 0;
      let k = 0;
      for (const c of line.keys()) {
        if (k++ === 0) first = c;
        last = c;
      }
      if (row < top) top = row;
      if (row > bottom) bottom = row;
      if (first < left) left = first;
      if (last > right) right = last;
    }
    for (const m of this.merges) {
      top = Math.min(top, m.top);
      left = Math.min(left, m.left);
      bottom = Math.max(bottom, m.bottom);
      right = Math.max(right, m.right);
    }
    return {
      name: this.name,
      bounds: top === Infinity ? null : { top, left, bottom, right },
      rows,
      merges: this.merges.map((m) => ({ top: m.top, left: m.left, bottom: m.bottom, right: m.right })),
      hiddenRows: normalizeSpans(this.hiddenRows),
      hiddenCols: normalizeSpans(this.hiddenCols),
      tables: this.tables.slice(),
      notes: [...this.notes].sort((a, b) => a.row - b.row || a.col - b.col),
    };
  }
}

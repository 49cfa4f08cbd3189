/**
 * Fast cell-text access over a snapshot, with normalised text computed once. Sparse like
 * the snapshot: only rows with text are held, and scans skip the blank stretches between
 * them, so a sheet whose used range reaches row 1,048,576 costs what it holds.
 */
import { cellText, type CellValue, type SheetSnapshot } from "../snapshot";
import { memo, normalize } from "../text";
import { MONTH_NAMES } from "../vocab";

interface TextRow {
  /** Columns with non-blank text, ascending. */
  readonly cols: number[];
  readonly raw: Map<number, string>;
  readonly norm: Map<number, string>;
}

const NO_COLS: number[] = [];

export class TextGrid {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly lines = new Map<number, TextRow>();
  /** Rows with text, ascending. */
  private readonly rowNumbers: number[] = [];

  constructor(readonly sheet: SheetSnapshot) {
    const b = sheet.bounds;
    this.top = b?.top ?? 1;
    this.left = b?.left ?? 1;
    this.bottom = b?.bottom ?? 0;
    this.right = b?.right ?? 0;
    const listHeaders = listObjectHeaderCells(sheet);
    for (const [row, cells] of sheet.rows) {
      let line: TextRow | undefined;
      for (const [col, cell] of cells) {
        const raw = cellDisplay(cell.value, cell.numberFormat);
        if (raw === "") continue;
        const norm = listHeaders.get(`${row}:${col}`) ?? normalize(raw);
        line ??= { cols: [], raw: new Map(), norm: new Map() };
        line.raw.set(col, raw);
        if (norm === "") continue;
        line.cols.push(col);
        line.norm.set(col, norm);
      }
      if (line) {
        this.lines.set(row, line);
        this.rowNumbers.push(row);
      }
    }
  }

  /** Cell text as stored (trailing whitespace kept), "" for an empty cell. */
  text(row: number, col: number): string {
    return this.lines.get(row)?.raw.get(col) ?? "";
  }

  /** Lower-case, markup-free, single-spaced text. */
  norm(row: number, col: number): string {
    return this.lines.get(row)?.norm.get(col) ?? "";
  }

  /** Columns with a non-blank cell in this row, ascending. */
  filledCols(row: number): number[] {
    return this.lines.get(row)?.cols ?? NO_COLS;
  }

  isBlankRow(row: number): boolean {
    const line = this.lines.get(row);
    return !line || line.cols.length === 0;
  }

  /** The first row at or after `row` that is not blank, or `bottom + 1`. */
  nextFilledRow(row: number): number {
    const rows = this.rowNumbers;
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid] < row) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < rows.length; i++) if (!this.isBlankRow(rows[i])) return rows[i];
    return this.bottom + 1;
  }

  /** The row's filled cells joined with single spaces (normalised). */
  joined(row: number): string {
    const line = this.lines.get(row);
    return line ? line.cols.map((c) => line.norm.get(c)!).join(" ") : "";
  }
}

/**
 * What a user sees in a cell, as far as recognition needs it: a date formatted as a month
 * (`mmm`, `mmmm yyyy`, `mmm-yy` — a month header typed as a date) reads as the month's name
 * and year, so `01/01/2024` shown as `Jan` is the January column. Other cells keep their text.
 */
export function cellDisplay(value: CellValue, numberFormat: string): string {
  if (typeof value === "number" && isMonthFormat(numberFormat)) {
    const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(value) * 86_400_000);
    if (!Number.isNaN(date.getTime())) {
      const month = MONTH_NAMES[date.getUTCMonth()];
      return /y/i.test(stripLiterals(numberFormat)) ? `${month} ${date.getUTCFullYear()}` : month;
    }
  }
  return cellText(value);
}

function stripLiterals(format: string): string {
  return format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
}

/** A date format that shows a month name and no day or time (`mmm`, `mmmm`, `mmm-yy`, `mmmm yyyy`). */
export function isMonthFormat(numberFormat: string | null | undefined): boolean {
  return !!numberFormat && monthFormat(numberFormat);
}

const monthFormat = memo((format: string): boolean => {
  const f = stripLiterals(format);
  return /m{3,}/i.test(f) && !/[dhs]/i.test(f);
});

/**
 * Header cells of Excel Tables (ListObjects) as the user meant them: Excel names an empty
 * header `Column1` (`Kolom1` in Indonesian Excel) and makes repeated names unique with a
 * number (`Jan`, `Jan2`); both are undone here. Keyed by `row:col`, normalised text.
 */
function listObjectHeaderCells(sheet: SheetSnapshot): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of sheet.tables) {
    if (t.headerRows < 1) continue;
    const row = t.area.top;
    const norms = new Map<number, string>();
    for (let c = t.area.left; c <= t.area.right; c++) {
      const cell = sheet.rows.get(row)?.get(c);
      if (!cell) continue;
      norms.set(c, normalize(cellDisplay(cell.value, cell.numberFormat)));
    }
    const texts = new Set(norms.values());
    for (const [c, norm] of norms) {
      if (/^(?:column|kolom)\s*\d+$/.test(norm)) {
        out.set(`${row}:${c}`, "");
        continue;
      }
      const dup = /^(.*[a-z)])(\d+)$/.exec(norm);
      if (dup && texts.has(dup[1])) out.set(`${row}:${c}`, dup[1]);
    }
  }
  return out;
}

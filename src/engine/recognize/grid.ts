/**
 * Fast cell-text access over a snapshot, with normalised text computed once. Sparse like
 * the snapshot: only rows with text are held, and scans skip the blank stretches between
 * them, so a sheet whose used range reaches row 1,048,576 costs what it holds.
 */
import { cellText, type SheetSnapshot } from "../snapshot";
import { normalize } from "../text";

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
    for (const [row, cells] of sheet.rows) {
      let line: TextRow | undefined;
      for (const [col, cell] of cells) {
        const raw = cellText(cell.value);
        if (raw === "") continue;
        const norm = normalize(raw);
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

/**
 * The sheet snapshot: the one input of the engine.
 *
 * Built by the Office adapter (one batched read of the used range) or by the `.xlsx`
 * reader. Everything the engine knows about a worksheet comes from here, so both hosts
 * must fill it the same way: values as Excel shows them to formulas (numbers stay
 * numbers, dates are serial numbers, error values are `CellError`), the formula text
 * of formula cells, number formats, and merged areas.
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

export interface SheetSnapshot {
  readonly name: string;
  /** Absolute 1-based row/column of `values[0][0]` (the used range's top-left cell). */
  readonly origin: { readonly row: number; readonly col: number };
  /** Row-major cell values of the used range; every row has the same length. */
  readonly values: readonly (readonly CellValue[])[];
  /** Formula text (`=SUM(A1:A3)`) where a cell holds a formula, else null. Same shape as values, or absent. */
  readonly formulas?: readonly (readonly (string | null)[])[];
  /** Number format code per cell (`General`, `0.00%`), or absent. */
  readonly numberFormats?: readonly (readonly (string | null)[])[];
  /** Merged areas intersecting the used range, absolute coordinates. */
  readonly merges: readonly Area[];
}

export interface WorkbookSnapshot {
  readonly sheets: readonly SheetSnapshot[];
}

export function isCellError(value: CellValue): value is CellError {
  return typeof value === "object" && value !== null && "error" in value;
}

export function rowCount(sheet: SheetSnapshot): number {
  return sheet.values.length;
}

export function colCount(sheet: SheetSnapshot): number {
  return sheet.values.length === 0 ? 0 : sheet.values[0].length;
}

/** Last absolute row of the used range (origin.row - 1 when the sheet is empty). */
export function lastRow(sheet: SheetSnapshot): number {
  return sheet.origin.row + rowCount(sheet) - 1;
}

export function lastCol(sheet: SheetSnapshot): number {
  return sheet.origin.col + colCount(sheet) - 1;
}

/** Value at an absolute 1-based address; null outside the used range. */
export function valueAt(sheet: SheetSnapshot, row: number, col: number): CellValue {
  const r = row - sheet.origin.row;
  const c = col - sheet.origin.col;
  if (r < 0 || c < 0 || r >= sheet.values.length) return null;
  const line = sheet.values[r];
  return c < line.length ? line[c] : null;
}

export function formulaAt(sheet: SheetSnapshot, row: number, col: number): string | null {
  const r = row - sheet.origin.row;
  const c = col - sheet.origin.col;
  const f = sheet.formulas?.[r]?.[c];
  return f ? f : null;
}

export function numberFormatAt(sheet: SheetSnapshot, row: number, col: number): string | null {
  const r = row - sheet.origin.row;
  const c = col - sheet.origin.col;
  return sheet.numberFormats?.[r]?.[c] ?? null;
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

/** The merged area whose top-left is this cell, if any. */
export function mergeStartingAt(sheet: SheetSnapshot, row: number, col: number): Area | undefined {
  return sheet.merges.find((m) => m.top === row && m.left === col);
}

/** The merged area covering this cell, if any. */
export function mergeCovering(sheet: SheetSnapshot, row: number, col: number): Area | undefined {
  return sheet.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
}

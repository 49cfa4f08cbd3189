/**
 * Office.js range data → the engine's sheet snapshot. Pure: the adapter loads `values`,
 * `formulas`, `valueTypes` and `numberFormat` of a range and hands the arrays here, so the
 * conversion is tested without a host. It must fill the snapshot exactly as the `.xlsx`
 * reader does (src/xlsx/read-workbook.ts): empty → null, errors → CellError, the formula
 * text only for formula cells, "General" for unformatted cells, merges absolute and the
 * used range grown to cover them.
 */
import { SheetBuilder, type Area, type CellError, type CellValue, type SheetNote, type SheetSnapshot, type SheetTable, type Span } from "../engine/snapshot";
import { parseRangeAddress } from "../engine/address";

/** The slice of `Excel.Range` data this module reads (names as in Office.js). */
export interface RangeData {
  values: unknown[][];
  formulas: unknown[][];
  valueTypes: string[][];
  numberFormat: unknown[][];
}

/** `Sheet1!B2:D9` or `'My sheet'!B2` → the area (sheet part dropped). */
export function areaOfAddress(address: string): Area {
  const bang = address.lastIndexOf("!");
  return parseRangeAddress(address.slice(bang + 1).replace(/\$/g, ""));
}

/** A RangeAreas address (`Sheet1!A1:B2, Sheet1!D4`) → its areas. Empty string → none. */
export function areasOfAddress(address: string): Area[] {
  if (!address.trim()) return [];
  return splitAreas(address).map(areaOfAddress);
}

/** Splits on the commas between areas, not those inside a quoted sheet name. */
function splitAreas(address: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted;
    else if (ch === "," && !quoted) {
      parts.push(address.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(address.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}

export function cellValue(value: unknown, valueType: string | undefined): CellValue {
  if (valueType === "Error") return { error: String(value) } satisfies CellError;
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  return null;
}

/**
 * The formula text of a formula cell, else null. Office returns the constant itself in
 * `formulas` for other cells; a text constant that starts with "=" (typed after an
 * apostrophe) has the same text in `values`, a real formula's result does not.
 */
export function cellFormula(formula: unknown, value: unknown): string | null {
  if (typeof formula !== "string" || !formula.startsWith("=") || formula.length < 2) return null;
  return formula === value ? null : formula;
}

/** One block of cells read from a sheet: its top-left (absolute, 1-based) and data. */
export interface RangeBlock {
  top: number;
  left: number;
  data: RangeData;
}

/**
 * Builds the snapshot of a sheet from the blocks that cover its used range (one block,
 * or row chunks of a large sheet) and its merged areas. Only filled cells are kept, as
 * the file reader keeps them; the used range is the one Office reported, grown to cover
 * the merges.
 */
export function snapshotFromBlocks(
  name: string,
  used: Area | null,
  blocks: readonly RangeBlock[],
  merges: readonly Area[],
  structure: { hiddenRows?: readonly Span[]; hiddenCols?: readonly Span[]; tables?: readonly SheetTable[]; notes?: readonly SheetNote[] } = {},
): SheetSnapshot {
  const b = new SheetBuilder(name);
  b.hiddenRows = [...(structure.hiddenRows ?? [])];
  b.hiddenCols = [...(structure.hiddenCols ?? [])];
  b.tables = [...(structure.tables ?? [])];
  b.notes = [...(structure.notes ?? [])];
  for (const block of blocks) {
    block.data.values.forEach((line, i) => {
      const row = block.top + i;
      line.forEach((raw, j) => {
        const col = block.left + j;
        if (used && (row < used.top || row > used.bottom || col < used.left || col > used.right)) return;
        const value = cellValue(raw, block.data.valueTypes[i]?.[j]);
        const formula = cellFormula(block.data.formulas[i]?.[j], raw);
        if (value === null && formula === null) return;
        const fmt = block.data.numberFormat[i]?.[j];
        b.set(row, col, value, formula, typeof fmt === "string" && fmt !== "" ? fmt : "General");
      });
    });
  }
  b.merges = merges.map((m) => ({ ...m }));
  return b.build();
}

/** The filled cells of one block, as edits: every cell of it, empty ones as null. */
export function cellsOfBlock(block: RangeBlock): { row: number; col: number; value: CellValue; formula: string | null; numberFormat: string }[] {
  const out: { row: number; col: number; value: CellValue; formula: string | null; numberFormat: string }[] = [];
  block.data.values.forEach((line, i) =>
    line.forEach((raw, j) => {
      const value = cellValue(raw, block.data.valueTypes[i]?.[j]);
      const formula = cellFormula(block.data.formulas[i]?.[j], raw);
      const fmt = block.data.numberFormat[i]?.[j];
      out.push({ row: block.top + i, col: block.left + j, value, formula, numberFormat: typeof fmt === "string" && fmt !== "" ? fmt : "General" });
    }),
  );
  return out;
}

/**
 * Dense grids ↔ sparse snapshots, for tests, benchmarks and fixture tools that lay sheets
 * out as rows of cells. Never used by the product: the snapshot is sparse on purpose.
 */
import { SheetBuilder, cellAt, type Area, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "../../src/engine/snapshot";

/**
 * A snapshot from a dense grid whose top-left is `origin` (tests, benchmarks and the
 * fixture tools lay sheets out this way). `formulas` and `numberFormats` have the grid's
 * shape where given.
 */
export function sheetFromGrid(
  name: string,
  origin: { row: number; col: number },
  values: readonly (readonly CellValue[])[],
  options: {
    formulas?: readonly (readonly (string | null)[])[];
    numberFormats?: readonly (readonly (string | null)[])[];
    merges?: readonly Area[];
  } = {},
): SheetSnapshot {
  const b = new SheetBuilder(name);
  values.forEach((line, i) =>
    line.forEach((v, j) => b.set(origin.row + i, origin.col + j, v, options.formulas?.[i]?.[j] ?? null, options.numberFormats?.[i]?.[j] ?? "General")),
  );
  b.merges = (options.merges ?? []).map((m) => ({ ...m }));
  return b.build();
}

/** The used range as dense grids of values, formulas and number formats. */
export interface DenseGrid {
  origin: { row: number; col: number };
  values: CellValue[][];
  formulas: (string | null)[][];
  numberFormats: (string | null)[][];
}

export function gridOf(sheet: SheetSnapshot): DenseGrid {
  const a = sheet.bounds;
  const out: DenseGrid = { origin: { row: a?.top ?? 1, col: a?.left ?? 1 }, values: [], formulas: [], numberFormats: [] };
  if (!a) return out;
  for (let r = a.top; r <= a.bottom; r++) {
    const v: CellValue[] = [];
    const f: (string | null)[] = [];
    const n: (string | null)[] = [];
    for (let c = a.left; c <= a.right; c++) {
      const cell = cellAt(sheet, r, c);
      v.push(cell?.value ?? null);
      f.push(cell?.formula ?? null);
      n.push(cell?.numberFormat ?? null);
    }
    out.values.push(v);
    out.formulas.push(f);
    out.numberFormats.push(n);
  }
  return out;
}

/** A grid (from `gridOf`, perhaps edited) back into a snapshot with the sheet's other fields. */
export function withGrid(sheet: SheetSnapshot, grid: Pick<DenseGrid, "origin" | "values"> & Partial<DenseGrid>, merges: readonly Area[] = sheet.merges): SheetSnapshot {
  const rebuilt = sheetFromGrid(sheet.name, grid.origin, grid.values, { formulas: grid.formulas, numberFormats: grid.numberFormats, merges });
  return { ...sheet, bounds: rebuilt.bounds, rows: rebuilt.rows, merges: rebuilt.merges };
}

/** A workbook snapshot as JSON (the e2e harness serves it to the page); Maps become entry lists. */
export function workbookToJson(wb: WorkbookSnapshot): string {
  return JSON.stringify(wb, (_key, value: unknown) => (value instanceof Map ? { $map: [...value.entries()] } : value));
}

export function workbookFromJson(json: string): WorkbookSnapshot {
  return JSON.parse(json, (_key, value: unknown) =>
    value !== null && typeof value === "object" && "$map" in value ? new Map((value as { $map: [unknown, unknown][] }).$map) : value,
  ) as WorkbookSnapshot;
}

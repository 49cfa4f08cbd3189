/**
 * What a table's columns say about how their cells are to be read, gathered once per table:
 * how numbers typed as text are written in each column (Indonesian `12,5` / `1.250.000`, or
 * English `82.53`), and on which scale the percentages of each column stand (85, or 0.85).
 * A cell that reads two ways is decided by these when its own row says nothing.
 */
import type { RecognizedTable } from "../recognize";
import type { TypedIndicator } from "../indicator";
import { numberFormatAt, valueAt, type SheetSnapshot } from "../snapshot";
import { readCell, textConvention, type ColumnConvention } from "./values";
import { annualCapaianColumn } from "./periods";

export interface ScaleProfile {
  /** Readings on the 0–100 scale (above 1.5, or formatted / typed as a percentage). */
  high: number;
  /** Plain fractions (0 < v ≤ 1; ≤ 2 in the capaian column). */
  fraction: number;
}

export interface TableReadContext {
  conventions: Map<number, ColumnConvention>;
  percentScale: Map<number, ScaleProfile>;
  /** Columns holding a text that reads two ways (`1.250`): only there does the convention decide. */
  ambiguous: Set<number>;
}

export function tableReadContext(sheet: SheetSnapshot, table: RecognizedTable, typed: readonly TypedIndicator[]): TableReadContext {
  const conventions = new Map<number, ColumnConvention>();
  const ambiguous = new Set<number>();
  const percentScale = new Map<number, ScaleProfile>();
  const capaian = annualCapaianColumn(table)?.col;
  const cols = table.columns.filter((c) => c.role === "realisasi" || c.role === "target" || c.role === "capaian").map((c) => c.col);
  for (const col of cols) {
    const conv: ColumnConvention = { indonesian: 0, english: 0 };
    const prof: ScaleProfile = { high: 0, fraction: 0 };
    for (const t of typed) {
      const row = t.row.row;
      const v = valueAt(sheet, row, col);
      if (v === null) continue;
      if (typeof v === "string") {
        const c = textConvention(v);
        if (c) conv[c]++;
        else if (readCell(v, null).ambiguity) ambiguous.add(col);
      }
      const isCap = col === capaian;
      if (!isCap && t.type.kind !== "percentage" && t.type.kind !== "timeliness") continue;
      const r = readCell(v, numberFormatAt(sheet, row, col));
      if (r.value === null || r.value <= 0) continue;
      if (r.percentFormat || r.percentText || r.value > (isCap ? 2 : 1.5)) prof.high++;
      else if (r.value <= (isCap ? 2 : 1)) prof.fraction++;
    }
    if (conv.indonesian || conv.english) conventions.set(col, conv);
    if (prof.high || prof.fraction) percentScale.set(col, prof);
  }
  return { conventions, percentScale, ambiguous };
}

/**
 * A key equal for two contexts that read every cell the same way (for incremental
 * re-checks): the convention of the columns that hold an ambiguous text, the scale of the
 * columns that hold a fraction — nowhere else are they consulted.
 */
export function readContextKey(ctx: TableReadContext): string {
  const conv = [...ctx.ambiguous].map((c) => {
    const v = ctx.conventions.get(c);
    return `${c}:${v ? Math.sign(v.indonesian - v.english) : 0}`;
  });
  const scale = [...ctx.percentScale].filter(([, v]) => v.fraction > 0).map(([c, v]) => `${c}:${v.high > v.fraction ? 1 : 0}`);
  return `${conv.sort().join(",")}|${scale.sort().join(",")}`;
}

/**
 * Whether a row's readings depend on its table's context: it holds a text that reads two
 * ways, or a fraction where a percentage may stand. Only such rows read differently when
 * another row's edit changes how the columns are typed.
 */
export function rowConsultsContext(sheet: SheetSnapshot, table: RecognizedTable, t: TypedIndicator): boolean {
  const capaian = annualCapaianColumn(table)?.col;
  const percentRow = t.type.kind === "percentage" || t.type.kind === "timeliness";
  for (const c of table.columns) {
    if (c.role !== "realisasi" && c.role !== "target" && c.role !== "capaian") continue;
    const v = valueAt(sheet, t.row.row, c.col);
    if (v === null) continue;
    const r = readCell(v, numberFormatAt(sheet, t.row.row, c.col));
    if (r.ambiguity) return true;
    if (r.value === null || r.value <= 0 || r.percentFormat || r.percentText) continue;
    if (c.col === capaian ? r.value <= 2 : percentRow && r.value <= 1) return true;
  }
  return false;
}

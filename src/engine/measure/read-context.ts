/**
 * What a table's columns say about how their cells are to be read, gathered once per table:
 * how numbers typed as text are written in each column (Indonesian `12,5` / `1.250.000`, or
 * English `82.53`), and on which scale the percentages of each column stand (85, or 0.85).
 * A cell that reads two ways is decided by these when its own row says nothing.
 *
 * The context is a sum of per-row counts, so an edit updates it by the edited rows alone
 * (`updateReadContext`): a re-check after one edit stays independent of the table's size.
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
  /** Per column, how many texts read two ways (`1.250`): only there does the convention decide. */
  ambiguous: Map<number, number>;
}

interface RowPart {
  col: number;
  convention: "indonesian" | "english" | null;
  ambiguous: boolean;
  scale: "high" | "fraction" | null;
}

function valueColumns(table: RecognizedTable): number[] {
  return table.columns.filter((c) => c.role === "realisasi" || c.role === "target" || c.role === "capaian").map((c) => c.col);
}

/** One row's contribution to the context, per value column. */
function rowParts(sheet: SheetSnapshot, t: TypedIndicator, cols: readonly number[], capaian: number | null): RowPart[] {
  const row = t.row.row;
  const percentRow = t.type.kind === "percentage" || t.type.kind === "timeliness";
  const out: RowPart[] = [];
  for (const col of cols) {
    const v = valueAt(sheet, row, col);
    if (v === null) continue;
    const part: RowPart = { col, convention: null, ambiguous: false, scale: null };
    const r = readCell(v, numberFormatAt(sheet, row, col));
    if (typeof v === "string") {
      part.convention = textConvention(v);
      part.ambiguous = part.convention === null && r.ambiguity !== undefined;
    }
    const isCap = col === capaian;
    if ((isCap || percentRow) && r.value !== null && r.value > 0) {
      if (r.percentFormat || r.percentText || r.value > (isCap ? 2 : 1.5)) part.scale = "high";
      else if (r.value <= (isCap ? 2 : 1)) part.scale = "fraction";
    }
    if (part.convention || part.ambiguous || part.scale) out.push(part);
  }
  return out;
}

function apply(ctx: TableReadContext, parts: readonly RowPart[], sign: 1 | -1): void {
  for (const p of parts) {
    if (p.convention) {
      const c = ctx.conventions.get(p.col) ?? { indonesian: 0, english: 0 };
      c[p.convention] += sign;
      if (c.indonesian === 0 && c.english === 0) ctx.conventions.delete(p.col);
      else ctx.conventions.set(p.col, c);
    }
    if (p.ambiguous) {
      const n = (ctx.ambiguous.get(p.col) ?? 0) + sign;
      if (n === 0) ctx.ambiguous.delete(p.col);
      else ctx.ambiguous.set(p.col, n);
    }
    if (p.scale) {
      const s = ctx.percentScale.get(p.col) ?? { high: 0, fraction: 0 };
      s[p.scale] += sign;
      if (s.high === 0 && s.fraction === 0) ctx.percentScale.delete(p.col);
      else ctx.percentScale.set(p.col, s);
    }
  }
}

export function tableReadContext(sheet: SheetSnapshot, table: RecognizedTable, typed: readonly TypedIndicator[]): TableReadContext {
  const ctx: TableReadContext = { conventions: new Map(), percentScale: new Map(), ambiguous: new Map() };
  const cols = valueColumns(table);
  const capaian = annualCapaianColumn(table)?.col ?? null;
  for (const t of typed) apply(ctx, rowParts(sheet, t, cols, capaian), 1);
  return ctx;
}

/**
 * The context after some rows changed: their old contributions (read from the old sheet
 * with their old typing) taken out and their new ones put in. Equal to a fresh
 * `tableReadContext` of the new sheet.
 */
export function updateReadContext(
  previous: TableReadContext,
  table: RecognizedTable,
  before: { sheet: SheetSnapshot; typed: readonly TypedIndicator[] },
  after: { sheet: SheetSnapshot; typed: readonly TypedIndicator[] },
): TableReadContext {
  const ctx: TableReadContext = {
    conventions: new Map([...previous.conventions].map(([k, v]) => [k, { ...v }])),
    percentScale: new Map([...previous.percentScale].map(([k, v]) => [k, { ...v }])),
    ambiguous: new Map(previous.ambiguous),
  };
  const cols = valueColumns(table);
  const capaian = annualCapaianColumn(table)?.col ?? null;
  for (const t of before.typed) apply(ctx, rowParts(before.sheet, t, cols, capaian), -1);
  for (const t of after.typed) apply(ctx, rowParts(after.sheet, t, cols, capaian), 1);
  return ctx;
}

/**
 * Whether two contexts read every cell the same way (for incremental re-checks): the
 * convention of the columns that hold an ambiguous text, the scale of the columns that hold
 * a fraction — nowhere else are they consulted.
 */
export function readContextKey(ctx: TableReadContext): string {
  const conv = [...ctx.ambiguous.keys()].map((c) => {
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
  const parts = rowParts(sheet, t, valueColumns(table), annualCapaianColumn(table)?.col ?? null);
  return parts.some((p) => p.ambiguous || p.scale === "fraction");
}

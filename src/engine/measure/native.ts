/**
 * Native Excel formulas for computed columns, over the sheet's own cells, so that people
 * without the add-in see live numbers: e.g. the year-to-date capaian
 * `=IF(COUNT(J10:M10)=0,"",IFERROR(SUM(J10:M10)/E10*100,""))`.
 *
 * A formula is emitted only when Excel would compute exactly what the engine computes:
 * every realisation cell holds a number (or nothing) as Excel sees it, and the target is
 * a number cell or a number the engine read from the target text (written as a constant —
 * never the cell's text). Otherwise null, and the reason.
 */
import { cellAddress, rangeAddress } from "../address";
import { formatIsPercent } from "../indicator/number";
import { numberFormatAt, valueAt, type SheetSnapshot } from "../snapshot";
import type { Measurement } from "./measure";
import type { Target } from "../indicator/target";
import type { RecognizedTable } from "../recognize";
import { annualTargetColumn } from "../indicator";
import type { EvaluatedIndicator } from "../evaluate";

export interface NativeFormula {
  formula: string | null;
  reason?: "text-in-realisation" | "percent-formatted-realisation" | "fraction-among-percentages" | "no-periods" | "no-target" | "grade-rank" | "not-consecutive";
}

function numberLiteral(v: number): string {
  // Full precision, no exponent for ordinary magnitudes.
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
}

/** Realisation expression by aggregation, over the period cells of one row. */
function realisationExpr(m: Measurement, row: number): { expr: string; range: string } | null {
  const cols = m.periods.map((p) => p.col).filter((c): c is number => c !== null);
  if (cols.length === 0) return null;
  const first = Math.min(...cols);
  const last = Math.max(...cols);
  if (last - first + 1 !== cols.length) return null;
  const range = rangeAddress(row, first, row, last);
  const latest = (): string =>
    [...cols]
      .reverse()
      .reduceRight((inner, c) => `IF(ISNUMBER(${cellAddress(row, c)}),${cellAddress(row, c)},${inner})`, '""');
  if (m.aggregation === "cumulative") return { expr: m.runningTotals ? latest() : `SUM(${range})`, range };
  if (m.aggregation === "average") return { expr: `AVERAGE(${range})`, range };
  return { expr: latest(), range };
}

function targetExpr(sheet: SheetSnapshot, target: Target | number, targetCell: { row: number; col: number } | null): string | null {
  if (typeof target === "number") return numberLiteral(target);
  if (targetCell) {
    const v = valueAt(sheet, targetCell.row, targetCell.col);
    if (typeof v === "number") {
      const ref = cellAddress(targetCell.row, targetCell.col);
      return formatIsPercent(numberFormatAt(sheet, targetCell.row, targetCell.col)) ? `(${ref}*100)` : ref;
    }
  }
  if (target.form === "grade") return target.value === null ? null : numberLiteral(target.value);
  return target.value === null ? null : numberLiteral(target.value);
}

/** The YTD capaian of one indicator as an Excel formula (with the leading `=`). */
export function nativeCapaianFormula(
  sheet: SheetSnapshot,
  m: Measurement,
  row: number,
  targetCell: { row: number; col: number } | null,
): NativeFormula {
  for (const p of m.periods) {
    if (!p.reading) continue;
    if (p.reading.status !== "number" && p.reading.status !== "empty") return { formula: null, reason: "text-in-realisation" };
    if (p.reading.percentFormat) return { formula: null, reason: "percent-formatted-realisation" };
    // 0.85 read as 85 %: Excel would add the 0.85.
    if (p.reading.fractionScaled || p.targetReading?.fractionScaled) return { formula: null, reason: "fraction-among-percentages" };
  }
  if (m.scaledTarget) return { formula: null, reason: "fraction-among-percentages" };
  const r = realisationExpr(m, row);
  if (!r) return { formula: null, reason: m.periods.length === 0 ? "no-periods" : "not-consecutive" };
  if (m.target === null) return { formula: null, reason: "no-target" };
  if (typeof m.target !== "number" && m.target.form === "grade" && m.target.value === null) return { formula: null, reason: "grade-rank" };
  const isRange = typeof m.target !== "number" && m.target.form === "range" && m.target.range !== null;
  const t = isRange ? "" : targetExpr(sheet, m.target, typeof m.target === "number" ? null : targetCell);
  if (t === null) return { formula: null, reason: "no-target" };
  const R = r.expr;
  const ratio = (num: string, den: string): string => `${num}/${den}*100`;
  const against = (bound: string): string => {
    if (m.polarity === "positive") return ratio(R, bound);
    return m.negativeFormula === "ratio" ? ratio(bound, R) : `MAX(0,(2*${bound}-${R})/${bound}*100)`;
  };
  let body: string;
  if (typeof m.target !== "number" && m.target.form === "range" && m.target.range) {
    const lo = numberLiteral(m.target.range.lower);
    const hi = numberLiteral(m.target.range.upper);
    body = `IF(${R}>${hi},${against(hi)},IF(${R}<${lo},${against(lo)},100))`;
  } else {
    body = against(t);
  }
  return { formula: `=IF(COUNT(${r.range})=0,"",IFERROR(${body},""))` };
}

/** The target cell the YTD capaian is measured against: the annual column, or the only year column. */
export function targetCellOf(table: RecognizedTable, row: number): { row: number; col: number } | null {
  const annual = annualTargetColumn(table.columns);
  if (annual) return { row, col: annual.col };
  const years = table.columns.filter((c) => c.role === "target" && c.period !== null && /^\d{4}$/.test(c.period));
  return years.length === 1 ? { row, col: years[0].col } : null;
}

/** The native YTD capaian formula of an evaluated indicator. */
export function capaianFormulaFor(sheet: SheetSnapshot, table: RecognizedTable, ind: EvaluatedIndicator): NativeFormula {
  return nativeCapaianFormula(sheet, ind.measurement, ind.typed.row.row, targetCellOf(table, ind.typed.row.row));
}

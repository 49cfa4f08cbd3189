/**
 * Binds a recognised row to a typed indicator: its formula read, its target parsed on
 * the indicator's scale, and its kind, unit, polarity and aggregation decided.
 */
import { numberFormatAt, valueAt, type CellValue, type SheetSnapshot } from "../snapshot";
import type { IndicatorRow, RecognizedTable, TableColumn } from "../recognize";
import { parseFormula, type ParsedFormula } from "../formula";
import { parseTarget, type Target } from "./target";
import { typeIndicator, type IndicatorType } from "./kind";
import { scaleForIndicator } from "../measure/grade-scales";
import { displayText } from "../text";

export interface TypedIndicator {
  row: IndicatorRow;
  formula: ParsedFormula;
  /** The formula was read from the target cell, because the formula cell is empty. */
  formulaFromTarget: boolean;
  /** The annual (or only) target; null when the table has none or only per-year targets. */
  target: Target | null;
  /** Every target column's target, by period key (`Tahunan`, `TW I`, `2023` …). */
  targets: Record<string, Target>;
  type: IndicatorType;
}

/** The target cell: the indicator's first row, or a wrapped row below it when that one is empty. */
function targetCell(sheet: SheetSnapshot, ind: IndicatorRow, col: number): { value: CellValue; format: string | null } {
  for (let r = ind.row; r <= ind.lastRow; r++) {
    const v = valueAt(sheet, r, col);
    if (v !== null && !(typeof v === "string" && v.trim() === "")) return { value: v, format: numberFormatAt(sheet, r, col) };
  }
  return { value: null, format: null };
}

export function annualTargetColumn(columns: readonly TableColumn[]): TableColumn | null {
  const targets = columns.filter((c) => c.role === "target");
  return targets.find((c) => c.period === null || c.period === "Tahunan") ?? null;
}

export function typeRow(sheet: SheetSnapshot, table: RecognizedTable, ind: IndicatorRow): TypedIndicator {
  const columnFormula = table.columns
    .filter((c) => c.role === "formula")
    .map((c) => ind.cells[c.col] ?? "")
    .filter(Boolean)
    .join("\n");
  const scale = scaleForIndicator(`${ind.name} ${displayText(columnFormula).slice(0, 200)}`);
  const smallScale = /\b(skor|indeks|rata[\s-]*rata\s+skor)\b/i.test(ind.name);
  const targets: Record<string, Target> = {};
  for (const c of table.columns.filter((col) => col.role === "target")) {
    const cell = targetCell(sheet, ind, c.col);
    // Two target columns for one period (`K` | `Rp`): the first, as the report names it.
    targets[c.period ?? "Tahunan"] ??= parseTarget(cell.value, { scale, smallScale, numberFormat: cell.format });
  }
  const annual = annualTargetColumn(table.columns);
  const target = annual ? (targets[annual.period ?? "Tahunan"] ?? null) : null;
  // A formula typed into the target cell (seed 001's merged cells) counts when the formula
  // cell itself is empty or computes nothing.
  let formula = parseFormula(columnFormula, ind.name);
  let formulaFromTarget = false;
  if (target?.overflow && formula.cls !== "expression") {
    const fromTarget = parseFormula(target.overflow, ind.name);
    if (fromTarget.cls === "expression" || columnFormula.trim() === "") {
      formula = fromTarget;
      formulaFromTarget = true;
    }
  }
  const satuanCol = table.columns.find((c) => c.role === "satuan");
  const satuan = satuanCol ? (ind.cells[satuanCol.col] ?? null) : null;
  // With per-year targets only, the type reads the first year's target.
  const typingTarget = target ?? Object.values(targets)[0] ?? parseTarget(null);
  const type = typeIndicator({ name: ind.name, formula, target: typingTarget, satuan, scale });
  return { row: ind, formula, formulaFromTarget, target, targets, type };
}

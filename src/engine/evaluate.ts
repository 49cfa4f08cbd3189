/**
 * The pipeline for one sheet: recognise tables, type each row, bind component rows,
 * measure every indicator. Pure and deterministic: the same snapshot and settings give
 * the same evaluation.
 */
import type { SheetSnapshot } from "./snapshot";
import { recognizeSheet, type RecognizedTable } from "./recognize";
import { typeRow, type TypedIndicator } from "./indicator";
import { bindComponents } from "./measure/components";
import { measureIndicator, type Measurement, type MeasureOptions, type RowOverrides } from "./measure/measure";
import { tableReadContext, type TableReadContext } from "./measure/read-context";

export interface EvaluatedIndicator {
  typed: TypedIndicator;
  measurement: Measurement;
}

export interface EvaluatedTable {
  table: RecognizedTable;
  /** Indicators in order; component rows are folded into their parent. */
  indicators: EvaluatedIndicator[];
  /** How the table's columns are typed (decides text numbers and percent scales), built once. */
  context: TableReadContext;
}

export interface SheetEvaluation {
  sheet: SheetSnapshot;
  tables: EvaluatedTable[];
}

export interface EvaluationSettings extends MeasureOptions {
  /** Per-row overrides keyed by `${sheet}!${row}` (the indicator's first row). */
  overrides?: Record<string, RowOverrides>;
}

export function overrideKey(sheet: string, row: number): string {
  return `${sheet}!${row}`;
}

export function evaluateTable(sheet: SheetSnapshot, table: RecognizedTable, settings: EvaluationSettings = {}): EvaluatedTable {
  const typed = table.indicators.map((i) => typeRow(sheet, table, i));
  const { byParent, componentIndices } = bindComponents(typed);
  const own = typed.filter((_t, i) => !componentIndices.has(i));
  const context = tableReadContext(sheet, table, own);
  const indicators: EvaluatedIndicator[] = [];
  typed.forEach((t, i) => {
    if (componentIndices.has(i)) return;
    const overrides = settings.overrides?.[overrideKey(sheet.name, t.row.row)] ?? {};
    indicators.push({ typed: t, measurement: measureIndicator(sheet, table, t, overrides, settings, byParent.get(i) ?? [], context) });
  });
  return { table, indicators, context };
}

export function evaluateSheet(sheet: SheetSnapshot, settings: EvaluationSettings = {}): SheetEvaluation {
  return { sheet, tables: recognizeSheet(sheet).map((t) => evaluateTable(sheet, t, settings)) };
}

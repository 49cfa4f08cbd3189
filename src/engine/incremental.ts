/**
 * Incremental re-evaluation. Given the cells that changed, only the indicators whose rows
 * (their own, wrapped and component rows) hold a changed value cell are measured again;
 * a change that can move the structure — a header, a name, a number, a sasaran, a cell
 * outside every table, a new row — re-evaluates the whole sheet. The result always equals
 * a full evaluation of the new snapshot (property-tested).
 */
import type { CellValue, SheetSnapshot, SnapshotCell } from "./snapshot";
import { evaluateSheet, overrideKey, type EvaluatedTable, type EvaluationSettings, type SheetEvaluation } from "./evaluate";
import type { ColumnRole, IndicatorRow, RecognizedTable } from "./recognize";
import { typeRow } from "./indicator";
import { measureIndicator } from "./measure/measure";
import { textAt, valueAt } from "./snapshot";
import { readContextKey, rowConsultsContext, updateReadContext } from "./measure/read-context";

/** The row's cell texts read again from the sheet (as recognition joins wrapped rows). */
function refreshCells(sheet: SheetSnapshot, table: RecognizedTable, ind: IndicatorRow): IndicatorRow {
  const cells: Record<number, string> = {};
  for (const c of table.columns) {
    const parts: string[] = [];
    for (let r = ind.row; r <= ind.lastRow; r++) {
      const t = textAt(sheet, r, c.col).trim();
      if (t) parts.push(t);
    }
    if (parts.length) cells[c.col] = parts.join("\n");
  }
  return { ...ind, cells };
}

export interface CellChange {
  row: number;
  col: number;
  value: CellValue;
  formula?: string | null;
  /** The cell's number format after the change; the previous one when absent. */
  numberFormat?: string;
}

/** Roles whose cells feed measurement only: editing them never changes recognition. */
const VALUE_ROLES: ReadonlySet<ColumnRole> = new Set<ColumnRole>(["realisasi", "capaian", "target"]);

/** Sheet row → index of the indicator it belongs to (own, wrapped or component rows), built once per table. */
const rowIndexes = new WeakMap<EvaluatedTable, Map<number, number>>();

function rowIndex(t: EvaluatedTable): Map<number, number> {
  let index = rowIndexes.get(t);
  if (!index) {
    index = new Map();
    t.indicators.forEach((ind, k) => {
      for (let r = ind.typed.row.row; r <= ind.typed.row.lastRow; r++) index!.set(r, k);
      for (const c of ind.measurement.components) index!.set(c.row, k);
    });
    rowIndexes.set(t, index);
  }
  return index;
}

function isEmpty(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

/**
 * A new snapshot with the changes applied; unchanged rows are shared (copy on write). Null
 * when a change falls outside the used range: the range grows, so the caller reads again.
 */
export function applyChanges(sheet: SheetSnapshot, changes: readonly CellChange[]): SheetSnapshot | null {
  const b = sheet.bounds;
  const rows = new Map(sheet.rows);
  const copied = new Set<number>();
  const grown = new Set<number>();
  for (const ch of changes) {
    if (!b || ch.row < b.top || ch.row > b.bottom || ch.col < b.left || ch.col > b.right) return null;
    let line = rows.get(ch.row) as Map<number, SnapshotCell> | undefined;
    if (!copied.has(ch.row)) {
      line = new Map(line ?? []);
      rows.set(ch.row, line);
      copied.add(ch.row);
    }
    const formula = ch.formula ?? null;
    if (ch.value === null && formula === null) line!.delete(ch.col);
    else {
      const before = line!.get(ch.col);
      if (!before) grown.add(ch.row);
      line!.set(ch.col, { value: ch.value, formula, numberFormat: ch.numberFormat ?? before?.numberFormat ?? "General" });
    }
  }
  for (const r of copied) if (rows.get(r)!.size === 0) rows.delete(r);
  // Keep columns in ascending order: a cell filled between two others was appended last.
  for (const r of grown) {
    const line = rows.get(r);
    if (line) rows.set(r, new Map([...line].sort((x, y) => x[0] - y[0])));
  }
  return { ...sheet, rows };
}

export interface IncrementalResult {
  evaluation: SheetEvaluation;
  /** `full` when the sheet was evaluated again from scratch. */
  mode: "incremental" | "full";
  /** Indicator rows (first rows) that were measured again. */
  remeasured: number[];
}

export function reevaluate(
  previous: SheetEvaluation,
  changes: readonly CellChange[],
  settings: EvaluationSettings = {},
): IncrementalResult {
  const sheet = applyChanges(previous.sheet, changes);
  if (!sheet) {
    // Outside the used range: rebuild the snapshot with the change is the caller's job; here,
    // the changed cells are unknown to the snapshot, so nothing can be reused.
    throw new RangeError("change outside the snapshot's used range: take a new snapshot and evaluate it");
  }
  const full = (): IncrementalResult => ({ evaluation: evaluateSheet(sheet, settings), mode: "full", remeasured: [] });
  const touchedTables = new Set<number>();
  for (const ch of changes) {
    const ti = previous.tables.findIndex((t) => ch.row >= t.table.headerTop && ch.row <= t.table.lastDataRow + 1 && ch.col >= t.table.left - 1 && ch.col <= t.table.right + 1);
    if (ti < 0) return full();
    const t = previous.tables[ti].table;
    if (ch.row <= t.headerBottom || ch.row > t.lastDataRow) return full();
    const column = t.columns.find((c) => c.col === ch.col);
    if (!column || !VALUE_ROLES.has(column.role)) return full();
    // Which rows are wrapped text depends on which cells are empty: a cell that becomes empty
    // or filled on a row without a target, or a target that does, may move the structure.
    const before = valueAt(previous.sheet, ch.row, ch.col);
    if (isEmpty(before) !== isEmpty(ch.value)) {
      const targetCol = t.columns.find((c) => c.role === "target")?.col;
      const rowTarget = targetCol === undefined ? null : valueAt(previous.sheet, ch.row, targetCol);
      if (column.role === "target" || isEmpty(rowTarget)) return full();
    }
    // Wrapped rows of an indicator: their cells may decide whether they are wrapped at all.
    const k = rowIndex(previous.tables[ti]).get(ch.row);
    const owner = k === undefined ? undefined : previous.tables[ti].indicators[k];
    if (!owner || (owner.typed.row.row !== ch.row && !owner.measurement.components.some((c) => c.row === ch.row))) return full();
    touchedTables.add(ti);
  }
  const tables = previous.tables.slice();
  const remeasured: number[] = [];
  const changedRows = new Set(changes.map((c) => c.row));
  for (const ti of touchedTables) {
    const old = previous.tables[ti];
    const table = old.table;
    // Only the hit indicators are measured again; the array is copied, its entries reused.
    const indicators = old.indicators.slice();
    const index = rowIndex(old);
    const hit = new Set<number>();
    for (const r of changedRows) {
      const k = index.get(r);
      if (k !== undefined) hit.add(k);
    }
    const retyped = new Map<number, ReturnType<typeof typeRow>>();
    for (const k of [...hit].sort((a, b) => a - b)) {
      const ind = old.indicators[k];
      const row = refreshCells(sheet, table, ind.typed.row);
      const typed = typeRow(sheet, table, row);
      // The formula decides which rows below are its components (seed 001 keeps formulas in
      // the target cell): a changed formula may bind or free rows, so re-read the sheet.
      if (typed.formula.text !== ind.typed.formula.text) return full();
      retyped.set(k, typed);
    }
    // How the columns are typed decides the ambiguous readings (`1.250`, a fraction among
    // percentages): when an edit changes that, the rows that hold such cells are measured again.
    const edited = [...retyped.keys()];
    const context = updateReadContext(
      old.context,
      table,
      { sheet: previous.sheet, typed: edited.map((k) => old.indicators[k].typed) },
      { sheet, typed: edited.map((k) => retyped.get(k)!) },
    );
    if (readContextKey(context) !== readContextKey(old.context)) {
      old.indicators.forEach((ind, k) => {
        if (!retyped.has(k) && rowConsultsContext(sheet, table, ind.typed)) retyped.set(k, ind.typed);
      });
    }
    for (const [k, typed] of [...retyped].sort((a, b) => a[0] - b[0])) {
      const ind = old.indicators[k];
      remeasured.push(ind.typed.row.row);
      const overrides = settings.overrides?.[overrideKey(sheet.name, typed.row.row)] ?? {};
      indicators[k] = { typed, measurement: measureIndicator(sheet, table, typed, overrides, settings, ind.measurement.components, context) };
    }
    tables[ti] = { table, indicators, context };
  }
  return { evaluation: { sheet, tables }, mode: "incremental", remeasured };
}

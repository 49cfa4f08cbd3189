/**
 * The explicit write: a "Capaian" column the add-in owns, filled with native Excel formulas
 * from the engine (src/engine/measure/native.ts), so people without the add-in see live
 * year-to-date achievement. The formulas are built from cell addresses and numbers the
 * engine read — never from cell text.
 *
 * The column is the first one right of the table unless the user chose another. It is ours
 * when its header ends with the marker below. The command refuses to write into a column
 * that is not ours and holds anything; in our column it rewrites formulas and empty cells
 * and leaves any constant the user typed there alone.
 */
import type { SheetEvaluation } from "../engine/evaluate";
import { capaianFormulaFor } from "../engine/measure/native";
import { cellAddress } from "../engine/address";
import { valueAt, formulaAt, cellText } from "../engine/snapshot";

export const OWNED_COLUMN_MARKER = "(IKI Checker)";

export const CAPAIAN_HEADER: Record<"id" | "en", string> = {
  id: `Capaian s.d. periode terakhir (%) ${OWNED_COLUMN_MARKER}`,
  en: `Achievement to date (%) ${OWNED_COLUMN_MARKER}`,
};

export interface CapaianColumnPlan {
  sheet: string;
  col: number;
  header: { row: number; text: string } | null;
  /** Cells to write: a formula, or "" to empty a formula of ours that no longer applies. */
  cells: { row: number; formula: string }[];
  /** Cells left alone: the user's constants in our column. */
  skipped: string[];
  /** Set when nothing may be written, with the cells that stand in the way. */
  refused: { reason: "not-owned-not-empty"; cells: string[] } | null;
}

/** Plans the fill of table `tableIndex` of this evaluation (pure: the sheet is as last read). */
export function planCapaianColumn(evaluation: SheetEvaluation, tableIndex: number, lang: "id" | "en", col?: number): CapaianColumnPlan {
  const sheet = evaluation.sheet;
  const evaluated = evaluation.tables[tableIndex];
  if (!evaluated) throw new RangeError(`no table ${tableIndex} on ${sheet.name}`);
  const t = evaluated.table;
  const headerRow = t.headerBottom;
  // Our column from an earlier fill is part of the table now (its header says Capaian).
  const ours = (c: number): boolean => cellText(valueAt(sheet, headerRow, c)).trim().endsWith(OWNED_COLUMN_MARKER);
  let existing: number | undefined;
  for (let c = t.left; c <= t.right + 1 && existing === undefined; c++) if (ours(c)) existing = c;
  const target = col ?? existing ?? t.right + 1;
  const headerText = cellText(valueAt(sheet, headerRow, target)).trim();
  const owned = headerText.endsWith(OWNED_COLUMN_MARKER);
  const plan: CapaianColumnPlan = { sheet: sheet.name, col: target, header: null, cells: [], skipped: [], refused: null };

  // A formula counts even when it shows nothing (=IF(J7="","",…)): it is the user's work.
  const occupied: string[] = [];
  for (let row = t.headerTop; row <= t.lastDataRow; row++) {
    const v = valueAt(sheet, row, target);
    if (formulaAt(sheet, row, target) !== null || (v !== null && !(typeof v === "string" && v.trim() === ""))) occupied.push(cellAddress(row, target));
  }
  if (!owned && occupied.length > 0) {
    plan.refused = { reason: "not-owned-not-empty", cells: occupied };
    return plan;
  }
  plan.header = { row: headerRow, text: CAPAIAN_HEADER[lang] };
  const rows = new Map<number, string>();
  for (const ind of evaluated.indicators) {
    const native = capaianFormulaFor(sheet, t, ind);
    if (native.formula) rows.set(ind.typed.row.row, native.formula);
  }
  for (let row = t.firstDataRow; row <= t.lastDataRow; row++) {
    const existingFormula = formulaAt(sheet, row, target);
    const value = valueAt(sheet, row, target);
    const userConstant = existingFormula === null && value !== null && !(typeof value === "string" && value.trim() === "");
    const formula = rows.get(row);
    if (userConstant) {
      if (formula) plan.skipped.push(cellAddress(row, target));
      continue;
    }
    if (formula) plan.cells.push({ row, formula });
    else if (existingFormula) plan.cells.push({ row, formula: "" }); // ours, no longer computable
  }
  return plan;
}

/** Queues the plan's writes: the header as a value, each formula into its own cell. */
export function queueCapaianColumn(ws: Excel.Worksheet, plan: CapaianColumnPlan): number {
  if (plan.refused || !plan.header) return 0;
  const at = (row: number): Excel.Range => ws.getRangeByIndexes(row - 1, plan.col - 1, 1, 1);
  at(plan.header.row).values = [[plan.header.text]];
  for (const c of plan.cells) {
    if (c.formula !== "" && !c.formula.startsWith("=")) throw new Error(`not a formula: ${c.formula}`);
    at(c.row).formulas = [[c.formula]];
  }
  return plan.cells.length;
}

/** Evaluates a fixture sheet as the engine does and finds indicators by their first row. */
import { evaluateSheet, type EvaluatedIndicator, type EvaluationSettings, type SheetEvaluation } from "../../src/engine/evaluate";
import { loadWorkbook } from "./fixtures";

export async function evaluateFixtureSheet(workbook: string, sheetName: string, settings: EvaluationSettings = {}): Promise<SheetEvaluation> {
  const wb = await loadWorkbook(workbook);
  const sheet = wb.sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName} in ${workbook}`);
  return evaluateSheet(sheet, settings);
}

export function indicatorAt(ev: SheetEvaluation, row: number): EvaluatedIndicator {
  for (const t of ev.tables) for (const i of t.indicators) if (i.typed.row.row === row) return i;
  throw new Error(`no indicator at row ${row} of ${ev.sheet.name}`);
}

export const PENGUKURAN = "pengukuran-bkpsdm-2024.xlsx";
export const RENJA = "evaluasi-renja-kesbangpol-2025.xlsx";

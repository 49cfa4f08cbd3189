/** Finds real seed rows in the fixture workbooks and types them as the engine does. */
import { recognizeSheet, type RecognizedTable, type IndicatorRow } from "../../src/engine/recognize";
import { typeRow, type TypedIndicator } from "../../src/engine/indicator";
import type { SheetSnapshot } from "../../src/engine/snapshot";
import { loadWorkbook } from "./fixtures";

export interface FoundRow {
  sheet: SheetSnapshot;
  table: RecognizedTable;
  row: IndicatorRow;
  typed: TypedIndicator;
}

/** Every indicator row of a fixture workbook whose name starts with `name` (case-insensitive). */
export async function findRows(workbook: string, name: string): Promise<FoundRow[]> {
  const wb = await loadWorkbook(workbook);
  const out: FoundRow[] = [];
  for (const sheet of wb.sheets) {
    for (const table of recognizeSheet(sheet)) {
      for (const row of table.indicators) {
        if (row.name.toLowerCase().startsWith(name.toLowerCase())) out.push({ sheet, table, row, typed: typeRow(sheet, table, row) });
      }
    }
  }
  return out;
}

/** The first such row (optionally: the first on a given sheet). */
export async function findRow(workbook: string, name: string, sheet?: string): Promise<FoundRow> {
  const rows = (await findRows(workbook, name)).filter((r) => sheet === undefined || r.sheet.name === sheet);
  if (rows.length === 0) throw new Error(`no row "${name}" in ${workbook}${sheet ? ` sheet ${sheet}` : ""}`);
  return rows[0];
}

export const SEED = {
  s000: "seed-000-iki-bppd-kapuas-hulu-2023.xlsx",
  s001: "seed-001-iku-iki-bkpsdm-paser.xlsx",
  s002: "seed-002-iki-kesbangpol-kukar-2025.xlsx",
  s004: "seed-004-iku-setda-balangan-2021-2026.xlsx",
};

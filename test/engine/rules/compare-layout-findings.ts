/** The layout fixtures' expected findings (findings-layouts.json) and the checker's, as `sheet!cell rule` keys. */
import { checkWorkbook } from "../../../src/engine/report";
import { loadJson, loadWorkbook } from "../../support/fixtures";

export const LAYOUT_FIXTURES = ["bulanan-bkpsdm-2024.xlsx", "teks-angka-kesbangpol-2025.xlsx", "rumus-capaian-setda-2024.xlsx", "skp-bkpsdm-2024.xlsx", "rekap-non-indikator-2024.xlsx", "tabel-excel-setda-2024.xlsx"];

interface File {
  dirtyRows: Record<string, number[]>;
  [workbook: string]: unknown;
}

const file = (): File => loadJson<File>("expected/findings-layouts.json");

export function expectedLayoutKeys(workbook: string): string[] {
  return ((file()[workbook] ?? []) as { sheet: string; cell: string; rule: string }[]).map((f) => `${f.sheet}!${f.cell} ${f.rule}`);
}

export function dirtyRows(): Record<string, number[]> {
  return file().dirtyRows;
}

export async function layoutFindings(workbook: string) {
  return checkWorkbook(await loadWorkbook(workbook)).findings;
}

/** Error findings on a row without a deliberate mistake: must be none. */
export function errorsOnCleanRows<F extends { severity: string; sheet: string; row: number; indicatorRow: number | null }>(findings: F[]): F[] {
  const dirty = dirtyRows();
  return findings.filter((f) => f.severity === "error" && !(dirty[f.sheet] ?? []).includes(f.indicatorRow ?? f.row));
}

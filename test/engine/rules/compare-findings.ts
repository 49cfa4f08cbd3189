/**
 * Findings of the checker against the expected-findings files written by reading the
 * seeds (FINDINGS.md): each side as `sheet!cell rule` keys.
 */
import { columnLetters, cellAddress } from "../../../src/engine/address";
import { checkWorkbook } from "../../../src/engine/report";
import { loadJson, loadLineMap, loadWorkbook } from "../../support/fixtures";
import type { ExpectedTable } from "../recognize/compare";

export interface ExpectedFinding {
  line: number;
  role: string;
  rule: string;
  why?: string;
}

export interface ExtraFinding {
  sheet: string;
  cell: string;
  rule: string;
}

export const SEED_IDS = ["000", "001", "002", "004"];

function tablesOf(seed: string): ExpectedTable[] {
  const all = {
    ...loadJson<Record<string, ExpectedTable[]>>("expected/tables-000-001-003-004.json"),
    ...loadJson<Record<string, ExpectedTable[]>>("expected/tables-002.json"),
  };
  return all[seed] ?? [];
}

/** `sheet!cell rule` keys of the expected findings of one seed. */
export function expectedKeys(seed: string): string[] {
  const lineMap = loadLineMap();
  const tables = tablesOf(seed);
  return loadJson<ExpectedFinding[]>(`expected/findings-${seed}.json`).map((f) => {
    const loc = lineMap.lines[seed][String(f.line)];
    if (!loc) throw new Error(`seed ${seed} line ${f.line} has no row`);
    const table = tables.find((t) => f.line >= t.firstDataLine && f.line <= t.lastDataLine);
    if (!table) throw new Error(`seed ${seed} line ${f.line} is in no table`);
    const letter = Object.entries(table.roles).find(([, role]) => role === f.role || (f.role === "target" && role.startsWith("target")))?.[0];
    if (!letter) throw new Error(`seed ${seed} line ${f.line}: no ${f.role} column`);
    return `${loc.sheet}!${letter}${loc.row} ${f.rule}`;
  });
}

export async function actualKeys(workbook: string): Promise<string[]> {
  const report = checkWorkbook(await loadWorkbook(workbook));
  return report.findings.map((f) => `${f.sheet}!${f.cell} ${f.rule}`);
}

export function extraExpectedKeys(workbook: string): string[] {
  return (loadJson<Record<string, ExtraFinding[]>>("expected/findings-extra.json")[workbook] ?? []).map((f) => `${f.sheet}!${f.cell} ${f.rule}`);
}

export { columnLetters, cellAddress };

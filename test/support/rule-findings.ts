/** The findings one rule raises on a fixture sheet (or a snapshot), as the runner reports them. */
import { evaluateSheet } from "../../src/engine/evaluate";
import { runRules, type EngineFinding } from "../../src/engine/rules";
import type { SheetSnapshot } from "../../src/engine/snapshot";
import { loadWorkbook } from "./fixtures";

export async function fixtureSheet(workbook: string, sheet: string): Promise<SheetSnapshot> {
  const s = (await loadWorkbook(workbook)).sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet} in ${workbook}`);
  return s;
}

export function ruleFindings(sheet: SheetSnapshot, rule: string): EngineFinding[] {
  return runRules(evaluateSheet(sheet)).filter((f) => f.rule === rule);
}

export async function fixtureRuleFindings(workbook: string, sheet: string, rule: string): Promise<EngineFinding[]> {
  return ruleFindings(await fixtureSheet(workbook, sheet), rule);
}

/**
 * Recognition on the hand-built workbooks: measurement sheets (two-row headers with
 * quarters, running totals, semesters) are found as PK tables; the SOP table, budget
 * table and staff list are not recognised at all.
 */
import { recognizeSheet } from "../../../src/engine/recognize";
import { loadJson, loadWorkbook } from "../../support/fixtures";
import { shapeOf, type TableShape } from "./compare";

const expected = loadJson<Record<string, TableShape[]>>("expected/tables-extra.json");

describe.each(Object.keys(expected))("%s", (workbook) => {
  test("tables found match the expectation exactly", async () => {
    const wb = await loadWorkbook(workbook);
    const found = wb.sheets.flatMap((s) => recognizeSheet(s).map(shapeOf));
    expect(found).toEqual(expected[workbook]);
  });
});

test("running-total columns are marked and the table says so", async () => {
  const wb = await loadWorkbook("evaluasi-renja-kesbangpol-2025.xlsx");
  const [table] = recognizeSheet(wb.sheets[0]);
  const realisasi = table.columns.filter((c) => c.role === "realisasi");
  expect(realisasi.map((c) => [c.period, c.runningTotal])).toEqual([
    ["TW I", true],
    ["TW II", true],
    ["TW III", true],
    ["TW IV", true],
  ]);
  expect(table.runningTotals).toBe(true);
});

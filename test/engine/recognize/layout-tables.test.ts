/**
 * Recognition of measurement sheets as officers type them (issue #14): months in every
 * spelling under merged groups, months as dates beside quarters, closing rows that end the
 * table, header cells with line breaks and non-breaking spaces, SKP sheets; and the Rekap,
 * attendance, procurement and asset sheets that must stay unrecognised. Compared with
 * test/fixtures/expected/tables-layouts.json, written by hand from the cells.
 */
import { recognizeSheet } from "../../../src/engine/recognize";
import { loadJson, loadWorkbook } from "../../support/fixtures";
import { shapeOf, type TableShape } from "./compare";

const expected = loadJson<Record<string, TableShape[] | string>>("expected/tables-layouts.json");
const workbooks = Object.keys(expected).filter((k) => !k.startsWith("_"));

test("every layout fixture has an expectation", () => {
  expect(workbooks.sort()).toEqual(
    ["bulanan-bkpsdm-2024.xlsx", "rekap-non-indikator-2024.xlsx", "rumus-capaian-setda-2024.xlsx", "skp-bkpsdm-2024.xlsx", "tabel-excel-setda-2024.xlsx", "teks-angka-kesbangpol-2025.xlsx"].sort(),
  );
});

describe.each(workbooks)("%s", (workbook) => {
  test("tables found match the expectation exactly", async () => {
    const wb = await loadWorkbook(workbook);
    const found = wb.sheets.flatMap((s) => recognizeSheet(s).map(shapeOf));
    expect(found).toEqual(expected[workbook]);
  });
});

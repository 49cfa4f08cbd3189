/**
 * total-row-mismatch: a closing row's total or average that disagrees with the same
 * aggregate over the engine's readings is info, with the reason — a text cell Excel's SUM
 * skips, rows the formula leaves out, capaian computed differently. Right totals
 * (Pemantauan Bulanan's JUMLAH and Rata-rata Capaian, an Excel Table's SUBTOTAL over
 * visible rows) raise nothing.
 */
import { fixtureRuleFindings, fixtureSheet, ruleFindings } from "../../support/rule-findings";
import { applyChanges } from "../../../src/engine/incremental";

const BULANAN = "bulanan-bkpsdm-2024.xlsx";

test("Target Bulanan O10: TOTAL of May skips O9's text `17 `", async () => {
  const f = await fixtureRuleFindings(BULANAN, "Target Bulanan", "total-row-mismatch");
  expect(f.map((x) => [x.cell, x.severity, x.messages.id, x.messages.en])).toEqual([
    [
      "O10",
      "info",
      'Baris "TOTAL": jumlah realisasi Bulan 5 tertulis 31, hasil perhitungan 48: sel teks O9 tidak dihitung Excel.',
      'Row "TOTAL": the total of the Bulan 5 realisation says 31; computed it is 48: Excel leaves out the text cells O9.',
    ],
  ]);
});

test("valid: Pemantauan Bulanan's JUMLAH (SUM per month) and Rata-rata Capaian (AVERAGE) agree; so does the Excel Table's SUBTOTAL(101) over visible rows", async () => {
  expect(await fixtureRuleFindings(BULANAN, "Pemantauan Bulanan", "total-row-mismatch")).toEqual([]);
  expect(await fixtureRuleFindings("tabel-excel-setda-2024.xlsx", "Tabel TW III", "total-row-mismatch")).toEqual([]);
});

test("a range that leaves out an indicator row, and an average over a wrong capaian", async () => {
  const sheet = await fixtureSheet(BULANAN, "Pemantauan Bulanan");
  // JUMLAH of January over F6:F8 only (F9 = 1): 3, not 4.
  const short = applyChanges(sheet, [{ row: 10, col: 6, value: 3, formula: "=SUM(F6:F8)" }])!;
  expect(ruleFindings(short, "total-row-mismatch").map((x) => [x.cell, x.messages.id])).toEqual([
    ["F10", 'Baris "JUMLAH": jumlah realisasi Bulan 1 tertulis 3, hasil perhitungan 4: rumus =SUM(F6:F8) tidak mencakup F9.'],
  ]);
  // R7 typed 100 where 9 of 12 is 75: the officer's average (83.33) differs from the computed one (77.08).
  const wrong = applyChanges(sheet, [
    { row: 7, col: 18, value: 100 },
    { row: 11, col: 18, value: (75 + 100 + 75 + 500 / 6) / 4, formula: "=AVERAGE(R6:R9)" },
  ])!;
  expect(ruleFindings(wrong, "total-row-mismatch").map((x) => [x.cell, x.messages.en])).toEqual([
    ["R11", 'Row "Rata-rata Capaian": the average of the capaian says 83.33; computed it is 77.08: the capaian in R7 differs from the computed one.'],
  ]);
});

/**
 * period-values-inconsistent on Bulan dan Triwulan (seed 000 rows, months as dates beside
 * the quarters): a quarter that is not its months aggregated per Tipe Penghitungan is a
 * warning; consistent quarters — sums of kumulatif months, the last month of a
 * non-kumulatif percentage — raise nothing.
 */
import { fixtureRuleFindings, fixtureSheet, ruleFindings } from "../../support/rule-findings";
import { applyChanges } from "../../../src/engine/incremental";
import { SheetBuilder } from "../../../src/engine/snapshot";

const BULANAN = "bulanan-bkpsdm-2024.xlsx";

test("row 7: TW II typed 2 where April–June add up to 1 (kumulatif)", async () => {
  const f = await fixtureRuleFindings(BULANAN, "Bulan dan Triwulan", "period-values-inconsistent");
  expect(f.map((x) => [x.cell, x.severity, x.messages.id, x.messages.en])).toEqual([
    ["M7", "warning", "Realisasi TW II 2 tidak sama dengan jumlah Bulan 4–6 (1; indikator kumulatif).", "The TW II realisation 2 is not the sum of months 4–6 (1; a cumulative indicator)."],
  ]);
});

test("rows 6, 8, 9 (SUM formulas, the last month of a percentage) raise nothing; fixing M7 clears it", async () => {
  const sheet = await fixtureSheet(BULANAN, "Bulan dan Triwulan");
  expect(ruleFindings(applyChanges(sheet, [{ row: 7, col: 13, value: 1 }])!, "period-values-inconsistent")).toEqual([]);
});

test("non-kumulatif: a quarter that is not its last month; rata-rata: one that is not their mean", async () => {
  const sheet = await fixtureSheet(BULANAN, "Bulan dan Triwulan");
  // Row 8, a percentage kept as fractions: TW III typed 99.2 % while September says 99.5 %.
  const f = ruleFindings(applyChanges(sheet, [{ row: 8, col: 17, value: 0.992, numberFormat: "0.00%" }])!, "period-values-inconsistent").filter((x) => x.row === 8);
  expect(f.map((x) => [x.cell, x.messages.id])).toEqual([["Q8", "Realisasi TW III 99,2 tidak sama dengan nilai terakhir Bulan 7–9 (99,5; indikator non-kumulatif)."]]);
  // Seed 001's PATEN score with Tipe Penghitungan rata-rata: TW I 3.1 beside 3.0, 3.1, 3.2 (mean 3.1) is right; 3.2 is not.
  const b = new SheetBuilder("Rata");
  ["No", "Sasaran", "Indikator Kinerja", "Formula", "Target", "Jan", "Feb", "Mar", "TW I"].forEach((h, i) => b.set(4, i + 1, h));
  [1, "Terlaksananya Pembinaan PATEN di Kecamatan", "Rata-rata skor pelayanan PATEN di Kecamatan", "Skor kumulatif PATEN dari 8 Kecamatan : 8 Kecamatan <p><i>Tipe Penghitungan :</i> Rata-rata</p>", "3.15", 3.0, 3.1, 3.2, 3.1].forEach((v, i) => b.set(5, i + 1, v));
  expect(ruleFindings(b.build(), "period-values-inconsistent")).toEqual([]);
  b.set(5, 9, 3.2);
  expect(ruleFindings(b.build(), "period-values-inconsistent").map((x) => x.messages.en)).toEqual(["The TW I realisation 3.2 is not the mean of months 1–3 (3.1; an average indicator)."]);
});

/**
 * capaian-mismatch against the polarity conventions, on Pengukuran TW row 9 (built from
 * the seeds' "temuan … ditindaklanjuti" rows): "Persentase temuan BPK yang belum
 * ditindaklanjuti", target 20%, quarters 35/30/28/25, non-kumulatif → R = 25.
 * Negative: (2×20 − 25)/20 = 75; T/R = 80; read as positive it would be 125.
 */
import { evaluateSheet } from "../../../src/engine/evaluate";
import { runRules } from "../../../src/engine/rules";
import { applyChanges } from "../../../src/engine/incremental";
import type { SheetSnapshot } from "../../../src/engine/snapshot";
import { loadWorkbook } from "../../support/fixtures";
import { fixtureRuleFindings, fixtureSheet, ruleFindings } from "../../support/rule-findings";

const ROW = 9;
const NAME_COL = 3; // C
const CAPAIAN_COL = 10; // J, "Capaian (%)"

/** The sheet with row 9's capaian typed as `capaian`, and its name optionally replaced. */
async function row9(capaian: number, name?: string): Promise<SheetSnapshot> {
  const wb = await loadWorkbook("pengukuran-bkpsdm-2024.xlsx");
  const sheet = wb.sheets.find((s) => s.name === "Pengukuran TW")!;
  return applyChanges(sheet, [{ row: ROW, col: CAPAIAN_COL, value: capaian }, ...(name ? [{ row: ROW, col: NAME_COL, value: name }] : [])])!;
}

async function findingsAtJ9(sheet: SheetSnapshot) {
  return runRules(evaluateSheet(sheet)).filter((f) => f.rule === "capaian-mismatch" && f.cell === "J9");
}

test("the right figure (75) raises nothing", async () => {
  expect(await findingsAtJ9(await row9(75))).toEqual([]);
});

test("a figure no convention gives (70) is an error naming the formula used", async () => {
  const [f] = await findingsAtJ9(await row9(70));
  expect(f.severity).toBe("error");
  expect(f.messages.id).toBe("Capaian tertulis 70%, hasil perhitungan 75% (realisasi 25, rumus (2T − R)/T).");
  expect(f.messages.en).toBe("The capaian says 70%; computed it is 75% (realisation 25, formula (2T − R)/T).");
});

test("T/R (80) is a warning: the other negative formula", async () => {
  const [f] = await findingsAtJ9(await row9(80));
  expect(f.severity).toBe("warning");
  expect(f.messages.id).toBe(
    "Capaian tertulis 80%, hasil perhitungan 75% dengan rumus (2T − R)/T (realisasi 25). Angka tertulis cocok dengan rumus T/R: periksa polaritas indikator ini.",
  );
});

test("R/T (125) is a warning pointing at polarity, even without `semakin rendah semakin baik` in the name", async () => {
  // Without the explicit phrase, "yang belum ditindaklanjuti" alone makes the row negative.
  const [f] = await findingsAtJ9(await row9(125, "Persentase temuan BPK yang belum ditindaklanjuti"));
  expect(f.severity).toBe("warning");
  expect(f.messages.id).toContain("cocok dengan rumus R/T");
  expect(f.suggestion?.id).toContain("semakin tinggi semakin baik");
  // And the officer's correct 75 is not flagged.
  expect(await findingsAtJ9(await row9(75, "Persentase temuan BPK yang belum ditindaklanjuti"))).toEqual([]);
});

/* ---- Issue #14: the display tolerance and the officer's own formulas (layout fixtures) ---- */

describe("the user's own capaian formulas", () => {
  test("Bagian Pemerintahan J9: a formula pasted from the row above reads row 8 through the helper column H", async () => {
    const [f] = await fixtureRuleFindings("rumus-capaian-setda-2024.xlsx", "Bagian Pemerintahan", "capaian-mismatch");
    expect([f.cell, f.severity]).toEqual(["J9", "error"]);
    expect(f.messages.id).toBe("Capaian tertulis 300%, hasil perhitungan 66,67% (realisasi 2, rumus R/T). Rumus sel ini (=H8/3*100) membaca E8:G8 (melalui H8) — baris di atasnya; seharusnya E9:G9 dan I9.");
    expect(f.messages.en).toBe("The capaian says 300%; computed it is 66.67% (realisation 2, formula R/T). The cell's formula (=H8/3*100) reads E8:G8 (through H8), the row above; it should read E9:G9 and I9.");
    expect(f.suggestion?.id).toBe('Rumus yang sesuai: =IF(COUNT(E9:G9)=0,"",IFERROR(SUM(E9:G9)/3*100,""))');
  });

  test("valid: formulas through the hidden helper (J8 =H8/12*100), on the quarters that sum the months, and rounded by ROUND(…,0) raise nothing", async () => {
    const sheet = await fixtureSheet("rumus-capaian-setda-2024.xlsx", "Bagian Pemerintahan");
    expect(ruleFindings(sheet, "capaian-mismatch").map((x) => x.cell)).toEqual(["J9"]);
    expect((await fixtureRuleFindings("bulanan-bkpsdm-2024.xlsx", "Bulan dan Triwulan", "capaian-mismatch")).map((x) => x.cell)).toEqual(["R7"]);
    expect(await fixtureRuleFindings("bulanan-bkpsdm-2024.xlsx", "Pemantauan Bulanan", "capaian-mismatch")).toEqual([]);
    expect(await fixtureRuleFindings("tabel-excel-setda-2024.xlsx", "Tabel TW III", "capaian-mismatch")).toEqual([]);
  });

  test("Bulan dan Triwulan R7: the officer adds typed quarters; the months say otherwise", async () => {
    const [f] = await fixtureRuleFindings("bulanan-bkpsdm-2024.xlsx", "Bulan dan Triwulan", "capaian-mismatch");
    expect(f.messages.id).toBe("Capaian tertulis 100%, hasil perhitungan 75% (realisasi 3, rumus R/T). Rumus sel ini (=(I7+M7+Q7)/4*100) membaca I7, M7, Q7; seharusnya F7:H7, J7:L7, N7:P7 dan E7.");
  });

  test("Target Bulanan Q9: the right cells, but one holds a number as text that Excel's SUM skips", async () => {
    const [f] = await fixtureRuleFindings("bulanan-bkpsdm-2024.xlsx", "Target Bulanan", "capaian-mismatch");
    expect(f.messages.en).toBe("The capaian says 84%; computed it is 101% (realisation 101, formula R/T). The cell's formula (=SUM(K9:P9)/SUM(E9:J9)*100) reads the right cells, but O9 holds a number stored as text, which Excel does not count.");
  });
});

describe("tolerance: max(0.05, half a unit of the last decimal shown)", () => {
  test("a capaian typed 103 for 102.6 is a rounding (General shows no decimal); 102.9 typed for 102.6 is not", async () => {
    const at = async (typed: number) => findingsAtJ9(applyChanges(await row9(75), [{ row: ROW, col: CAPAIAN_COL, value: typed }, { row: ROW, col: 9, value: 19.48 }])!);
    // Non-kumulatif negative, target 20%: (40 − 19.48)/20 = 102.6.
    expect(await at(103)).toEqual([]);
    expect((await at(102.9)).map((f) => f.messages.en)).toEqual(["The capaian says 102.9%; computed it is 102.6% (realisation 19.48, formula (2T − R)/T)."]);
  });
});

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

/**
 * category-mismatch: the class the officer typed against the class of the computed capaian,
 * on the band set the officer's labels come from — Permendagri 86/2017 (Predikat Capaian),
 * Sangat Baik … Sangat Kurang (Kategori), the SKP categories on an SKP sheet. Info. Between
 * two printed bands either neighbour is right; a class that follows the officer's own wrong
 * capaian is capaian-mismatch's to report.
 */
import { fixtureRuleFindings, fixtureSheet, ruleFindings } from "../../support/rule-findings";
import { applyChanges } from "../../../src/engine/incremental";
import { acceptedLabels, bandOf } from "../../../src/engine/measure/category";

test("Bagian Pemerintahan K10: Sangat Tinggi for 80% (Tinggi, Permendagri 86/2017)", async () => {
  const f = await fixtureRuleFindings("rumus-capaian-setda-2024.xlsx", "Bagian Pemerintahan", "category-mismatch");
  expect(f.map((x) => [x.cell, x.severity, x.messages.id])).toEqual([["K10", "info", 'Kategori tertulis "Sangat Tinggi", padahal capaian hasil perhitungan 80% termasuk "Tinggi" (Permendagri 86/2017).']]);
  expect(f[0].suggestion?.en).toBe('Write "Tinggi", or check the capaian.');
});

test("K9's Sangat Tinggi follows the officer's own 300% (a formula pasted from the row above): capaian-mismatch reports it, not this rule", async () => {
  const sheet = await fixtureSheet("rumus-capaian-setda-2024.xlsx", "Bagian Pemerintahan");
  expect(ruleFindings(sheet, "category-mismatch").map((x) => x.cell)).not.toContain("K9");
  expect(ruleFindings(sheet, "capaian-mismatch").map((x) => x.cell)).toEqual(["J9"]);
});

test("SKP Sekretaris G6: Baik for 87.5% — on the SKP categories (PermenPAN-RB 6/2022) that is Cukup", async () => {
  const f = await fixtureRuleFindings("skp-bkpsdm-2024.xlsx", "SKP Sekretaris", "category-mismatch");
  expect(f.map((x) => [x.cell, x.messages.en])).toEqual([["G6", 'The class says "Baik"; the computed capaian 87.5% is "Cukup" (IKI capaian categories, PermenPAN-RB 6/2022).']]);
});

test("valid: Bagian Hukum's Kategori in the Sangat Baik … Sangat Kurang bands (101.05 Sangat Baik, 66.67 Cukup) raises nothing", async () => {
  expect(await fixtureRuleFindings("rumus-capaian-setda-2024.xlsx", "Bagian Hukum", "category-mismatch")).toEqual([]);
  // Fixed, K10 raises nothing either.
  const sheet = applyChanges(await fixtureSheet("rumus-capaian-setda-2024.xlsx", "Bagian Pemerintahan"), [{ row: 10, col: 11, value: "Tinggi" }])!;
  expect(ruleFindings(sheet, "category-mismatch")).toEqual([]);
});

test("printed bands: a capaian between two bands may carry either class", () => {
  expect(acceptedLabels("baik", 90.5)).toEqual(["Sangat Baik", "Baik"]);
  expect(acceptedLabels("permendagri86", 50.5)).toEqual(["Rendah", "Sangat Rendah"]);
  expect(acceptedLabels("skp", 99.5)).toEqual(["Baik", "Cukup"]);
  expect(acceptedLabels("skp", 100)).toEqual(["Baik"]);
  expect(bandOf("skp", 106)).toBe("Sangat Baik");
  expect(bandOf("permendagri86", 75)).toBe("Sedang");
});

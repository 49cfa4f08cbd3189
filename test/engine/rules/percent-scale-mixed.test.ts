/**
 * percent-scale-mixed: a fraction among percentages is read on the 0–100 scale and
 * reported (warning) — in a realisation, a target, the user's capaian. Consistent
 * percentages, fractions formatted as percentages, and small real percentages raise nothing.
 */
import { fixtureRuleFindings, fixtureSheet, ruleFindings } from "../../support/rule-findings";
import { applyChanges } from "../../../src/engine/incremental";
import { SheetBuilder } from "../../../src/engine/snapshot";

const TEKS = "teks-angka-kesbangpol-2025.xlsx";

test("Pengukuran TW III G12: 0,9 among 95 and 100 (target 100%) → 90%", async () => {
  const f = await fixtureRuleFindings(TEKS, "Pengukuran TW III", "percent-scale-mixed");
  expect(f.map((x) => [x.cell, x.severity])).toEqual([["G12", "warning"]]);
  expect(f[0].messages).toEqual({
    id: "Realisasi TW I 0,9 ditulis sebagai pecahan, padahal target dan periode lain baris ini memakai skala 0–100; dibaca 90%.",
    en: "The TW I realisation 0.9 is written as a fraction while the row's target and other periods use the 0–100 scale; read as 90%.",
  });
  expect(f[0].suggestion?.id).toBe("Ketik 90, atau beri sel format persen (0%) agar tampil 90%.");
});

test("Capaian Pecahan H6: the capaian 1,0118 beside 75 and 100 → 101,18%, and no capaian-mismatch", async () => {
  const sheet = await fixtureSheet(TEKS, "Capaian Pecahan");
  const f = ruleFindings(sheet, "percent-scale-mixed");
  expect(f.map((x) => [x.cell, x.messages.id])).toEqual([["H6", "Capaian 1,0118 ditulis sebagai pecahan, padahal capaian hasil perhitungan dan baris lain di kolom ini memakai skala 0–100; dibaca 101,18%."]]);
  expect(ruleFindings(sheet, "capaian-mismatch")).toEqual([]);
});

test("a target typed 0,85 in a percentage row whose realisations are 80–86: read as 85%", async () => {
  const sheet = applyChanges(await fixtureSheet(TEKS, "Capaian Pecahan"), [{ row: 6, col: 4, value: 0.85 }])!;
  expect(ruleFindings(sheet, "percent-scale-mixed").map((x) => [x.cell, x.messages.en])).toEqual([
    ["D6", "The target 0.85 is written as a fraction while its realisation uses the 0–100 scale; read as 85%."],
    ["H6", "The capaian 1.0118 is written as a fraction while the computed capaian and the column's other rows use the 0–100 scale; read as 101.18%."],
  ]);
});

test("valid rows: fractions formatted 0% (Bagian Pemerintahan row 6) and a small real percentage raise nothing", async () => {
  expect(await fixtureRuleFindings("rumus-capaian-setda-2024.xlsx", "Bagian Pemerintahan", "percent-scale-mixed")).toEqual([]);
  expect(await fixtureRuleFindings("bulanan-bkpsdm-2024.xlsx", "Bulan dan Triwulan", "percent-scale-mixed")).toEqual([]);
  const b = new SheetBuilder("Kecil");
  ["No", "Sasaran", "Indikator Kinerja", "Target", "Realisasi TW I", "Realisasi TW II"].forEach((h, i) => b.set(4, i + 1, h));
  [1, "Menurunnya angka kemiskinan", "Persentase penurunan angka kemiskinan", "1%", 0.4, 0.6].forEach((v, i) => b.set(5, i + 1, v));
  expect(ruleFindings(b.build(), "percent-scale-mixed")).toEqual([]);
});

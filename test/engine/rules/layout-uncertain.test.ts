/**
 * layout-uncertain: where the layout cannot be read with certainty the engine says what it
 * did, as info, instead of guessing — a hidden column with a header (Baris Tersembunyi H4),
 * a period typed twice, a quarter beside only some of its months, class labels from no
 * known band set. A clear layout raises nothing.
 */
import { fixtureRuleFindings, fixtureSheet, ruleFindings } from "../../support/rule-findings";
import { applyChanges } from "../../../src/engine/incremental";
import { SheetBuilder } from "../../../src/engine/snapshot";

test("Baris Tersembunyi H4: a hidden column headed `Realisasi TW III (lama)` is not read, and said so", async () => {
  const f = await fixtureRuleFindings("tabel-excel-setda-2024.xlsx", "Baris Tersembunyi", "layout-uncertain");
  expect(f.map((x) => [x.cell, x.severity, x.messages.en])).toEqual([["H4", "info", 'Column H ("Realisasi TW III (lama)") is hidden and not read; unhide it if it belongs to the table.']]);
});

test("class labels from no one known band set are not compared, and said so", async () => {
  const sheet = applyChanges(await fixtureSheet("rumus-capaian-setda-2024.xlsx", "Bagian Hukum"), [
    { row: 5, col: 9, value: "Tercapai" },
    { row: 6, col: 9, value: "Tercapai" },
    { row: 7, col: 9, value: "Belum Tercapai" },
  ])!;
  expect(ruleFindings(sheet, "layout-uncertain").map((x) => [x.cell, x.messages.id])).toEqual([
    [
      "I4",
      'Kategori di kolom ini ("Tercapai", "Belum Tercapai") tidak berasal dari satu himpunan kelas yang dikenal (Permendagri 86/2017, Sangat Baik – Sangat Kurang, Berhasil, kategori SKP); kategori tidak dibandingkan dengan capaian.',
    ],
  ]);
  expect(ruleFindings(sheet, "category-mismatch")).toEqual([]);
});

/** Seed 001 line 225's row under the given realisation headers. */
function headed(headers: string[], values: number[]) {
  const b = new SheetBuilder("TW");
  ["No", "Sasaran Kinerja Individu", "Indikator Kinerja Individu (IKI)", "Target", ...headers].forEach((h, i) => b.set(4, i + 1, h));
  [1, "Tersedianya dokumen evaluasi kinerja perangkat daerah", "Jumlah dokumen evaluasi kinerja yang tersedia", "8 dokumen", ...values].forEach((v, i) => b.set(5, i + 1, v));
  return b.build();
}

test("a period typed twice; a quarter beside only some of its months", () => {
  expect(ruleFindings(headed(["Realisasi TW I", "Realisasi TW II", "Realisasi TW II"], [2, 2, 3]), "layout-uncertain").map((x) => [x.cell, x.messages.id])).toEqual([
    ["G4", "Kolom G dan F sama-sama realisasi TW II; yang dipakai kolom F."],
  ]);
  expect(ruleFindings(headed(["Realisasi Jan", "Realisasi Feb", "Realisasi TW I"], [1, 1, 3]), "layout-uncertain").map((x) => [x.cell, x.messages.en])).toEqual([
    ["G4", "Column G (TW I) stands beside only some of its parts (Bulan 1, Bulan 2); TW I is used and the shorter periods are left out."],
  ]);
});

test("valid: every other layout fixture sheet raises nothing", async () => {
  for (const [wb, sheet] of [
    ["bulanan-bkpsdm-2024.xlsx", "Pemantauan Bulanan"],
    ["bulanan-bkpsdm-2024.xlsx", "Bulan dan Triwulan"],
    ["tabel-excel-setda-2024.xlsx", "Tabel TW III"],
    ["skp-bkpsdm-2024.xlsx", "SKP Sekretaris"],
  ]) {
    expect({ sheet, f: await fixtureRuleFindings(wb, sheet, "layout-uncertain") }).toEqual({ sheet, f: [] });
  }
});

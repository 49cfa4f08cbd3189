/**
 * number-stored-as-text on the layout fixtures: realisations typed as text are read and
 * reported as info, never as errors — with their unit, their percent sign, rupiah, and the
 * reading of an ambiguous `1.050` named. Cells typed as numbers raise nothing.
 */
import { fixtureRuleFindings, fixtureSheet, ruleFindings } from "../../support/rule-findings";
import { applyChanges } from "../../../src/engine/incremental";

const TEKS = "teks-angka-kesbangpol-2025.xlsx";

test("Pengukuran TW III: every text realisation, rincian rows included; the number cells (H7, I7, H12 …) raise nothing", async () => {
  const f = await fixtureRuleFindings(TEKS, "Pengukuran TW III", "number-stored-as-text");
  expect(f.map((x) => x.cell)).toEqual(["G7", "G8", "H8", "I8", "G9", "H9", "I9", "G10", "H10", "I10", "G11", "H11", "I11"]);
  expect(new Set(f.map((x) => x.severity))).toEqual(new Set(["info"]));
  const at = (cell: string) => f.find((x) => x.cell === cell)!;
  expect(at("G7").messages).toEqual({
    id: 'Realisasi TW I "1 dokumen" tersimpan sebagai teks; dibaca 1 (dokumen).',
    en: 'The TW I realisation "1 dokumen" is stored as text; read as 1 (dokumen).',
  });
  expect(at("I8").messages.id).toBe('Realisasi TW III "84,5%" tersimpan sebagai teks; dibaca 84,5%.');
  expect(at("G10").messages.id).toBe('Jumlah Realisasi Anggaran TW I "Rp 364.000.000" tersimpan sebagai teks; dibaca 364000000.');
  // A rincian cell sits on its own row, under the indicator it belongs to.
  expect([at("G10").row, at("G10").indicatorRow]).toEqual([10, 9]);
});

test("SKP Pranata Kearsipan: `1.050` against a target of 1.020 is read 1050, and the message says why", async () => {
  const f = await fixtureRuleFindings("skp-bkpsdm-2024.xlsx", "SKP Pranata Kearsipan", "number-stored-as-text");
  expect(f.find((x) => x.cell === "E6")!.messages).toEqual({
    id: 'Realisasi Tahunan "1.050" tersimpan sebagai teks; dibaca 1050, bukan 1,05: sesuai besaran targetnya.',
    en: 'The Tahunan realisation "1.050" is stored as text; read as 1050, not 1.05: it fits the size of the target.',
  });
});

test("typed as a number instead, the cell raises nothing", async () => {
  const sheet = await fixtureSheet(TEKS, "Pengukuran TW III");
  const fixed = applyChanges(sheet, [{ row: 7, col: 7, value: 1 }])!;
  expect(ruleFindings(fixed, "number-stored-as-text").map((x) => x.cell)).not.toContain("G7");
});

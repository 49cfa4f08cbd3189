/**
 * Measurement on officers' layouts (issue #14): months and quarters on one sheet (the
 * months are measured, each quarter checked against them), a year's total column, a
 * quarter beside only some of its months, nothing computed with what cannot be read,
 * percent formats and fractions among percentages, the display tolerance of a capaian
 * cell. Fixture rows worked out in test/fixtures/layout-workbooks.ts; other snapshots from
 * seed 001's Sekretaris rows (lines 224–233).
 */
import { evaluateFixtureSheet, indicatorAt } from "../../support/evaluation";
import { evaluateSheet } from "../../../src/engine/evaluate";
import { periodLayout } from "../../../src/engine/measure/periods";
import { displayTolerance, formatDecimals } from "../../../src/engine/measure/tolerance";
import { readCell } from "../../../src/engine/measure/values";
import { SheetBuilder, type CellValue } from "../../../src/engine/snapshot";
import { capaianFormulaFor } from "../../../src/engine/measure/native";

const BULANAN = "bulanan-bkpsdm-2024.xlsx";
const TEKS = "teks-angka-kesbangpol-2025.xlsx";

describe("months and quarters on one sheet (Bulan dan Triwulan)", () => {
  test("the months are measured; each quarter is a summary of its three months", async () => {
    const ev = await evaluateFixtureSheet(BULANAN, "Bulan dan Triwulan");
    const layout = periodLayout(ev.tables[0].table);
    expect(layout.measured.map((p) => p.period)).toEqual(Array.from({ length: 9 }, (_v, i) => `Bulan ${i + 1}`));
    expect(layout.summaries.map((s) => [s.period, s.parts])).toEqual([
      ["TW I", ["Bulan 1", "Bulan 2", "Bulan 3"]],
      ["TW II", ["Bulan 4", "Bulan 5", "Bulan 6"]],
      ["TW III", ["Bulan 7", "Bulan 8", "Bulan 9"]],
    ]);
  });

  test("row 7: TW II typed 2 beside April–June 0 + 0 + 1; the year to date comes from the months (3 of 4 = 75)", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(BULANAN, "Bulan dan Triwulan"), 7).measurement;
    expect(m.summaries.map((s) => [s.period, s.stated, s.aggregated])).toEqual([
      ["TW I", 1, 1],
      ["TW II", 2, 1],
      ["TW III", 1, 1],
    ]);
    expect([m.realisasi, m.capaian.value]).toEqual([3, 75]);
  });

  test("row 8, non-kumulatif fractions formatted 0.00%: each quarter is its last month; 99.5 of 100 → 99.5", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(BULANAN, "Bulan dan Triwulan"), 8).measurement;
    expect(m.summaries.map((s) => [s.stated, s.aggregated])).toEqual([
      [98.1, 98.1],
      [98.81, 98.81],
      [99.5, 99.5],
    ]);
    expect(m.periods[0].reading).toMatchObject({ value: 97.5, percentFormat: true });
    expect(m.capaian.value).toBeCloseTo(99.5, 9);
    // The officer's =Q8/E8 formatted 0.00% is read as 99.5 too.
    expect(m.capaianCell?.reading.value).toBeCloseTo(99.5, 9);
  });
});

/** Seed 001 Sekretaris rows with the given period headers under Realisasi (row 4 header, row 5 data). */
function periods(headers: string[], values: CellValue[]): ReturnType<SheetBuilder["build"]> {
  const b = new SheetBuilder("Periode");
  ["No", "Sasaran Kinerja Individu", "Indikator Kinerja Individu (IKI)", "Target", ...headers].forEach((h, i) => b.set(4, i + 1, h));
  [1, "Tersedianya dokumen evaluasi kinerja perangkat daerah", "Jumlah dokumen evaluasi kinerja yang tersedia", "8 dokumen", ...values].forEach((v, i) => b.set(5, i + 1, v));
  return b.build();
}

describe("periods of several lengths", () => {
  test("a year's total beside the quarters is a summary of them, checked against the year to date", () => {
    const ev = evaluateSheet(periods(["Realisasi TW I", "Realisasi TW II", "Realisasi TW III", "Realisasi Tahunan"], [2, 3, 1, 7]));
    const m = ev.tables[0].indicators[0].measurement;
    expect(m.periods.map((p) => p.period)).toEqual(["TW I", "TW II", "TW III"]);
    expect(m.summaries.map((s) => [s.period, s.stated, s.aggregated])).toEqual([["Tahunan", 7, 6]]);
  });

  test("quarters and semesters: the quarters are measured, each semester summarises two", () => {
    const ev = evaluateSheet(periods(["Realisasi TW I", "Realisasi TW II", "Realisasi Semester I"], [2, 3, 5]));
    const m = ev.tables[0].indicators[0].measurement;
    expect(m.periods.map((p) => p.period)).toEqual(["TW I", "TW II"]);
    expect(m.summaries.map((s) => [s.period, s.stated, s.aggregated])).toEqual([["Semester I", 5, 5]]);
  });

  test("a quarter beside only some of its months: the quarter is measured, the months left out, and it is noted", () => {
    const ev = evaluateSheet(periods(["Realisasi Jan", "Realisasi Feb", "Realisasi TW I"], [1, 1, 3]));
    const layout = periodLayout(ev.tables[0].table);
    expect(layout.measured.map((p) => p.period)).toEqual(["TW I"]);
    expect(layout.notes.map((n) => [n.col, n.kind])).toEqual([[7, "partial-period"]]);
    expect(ev.tables[0].indicators[0].measurement.realisasi).toBe(3);
  });
});

describe("nothing unreadable is computed with (point 8)", () => {
  test("Pengukuran TW III row 13: the target `-2+3` gives no capaian (reason unreadable-target), not −50", async () => {
    const ind = indicatorAt(await evaluateFixtureSheet(TEKS, "Pengukuran TW III"), 13);
    expect(ind.typed.target).toMatchObject({ form: "unparsed", value: null });
    expect(ind.measurement.capaian).toEqual({ value: null, variant: null, reason: "unreadable-target" });
    expect(ind.measurement.realisasi).toBe(3);
  });

  test("row 14: TW III typed `ada` in a kumulatif row: no year to date, no capaian; the typed 100 is not checked", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(TEKS, "Pengukuran TW III"), 14).measurement;
    expect(m.realisasi).toBeNull();
    expect(m.capaian.reason).toBe("unreadable-realisation");
  });

  test("kumulatif: an unreadable quarter blocks the year; non-kumulatif: only the latest filled one would", () => {
    const count = evaluateSheet(periods(["Realisasi TW I", "Realisasi TW II", "Realisasi TW III"], ["ada", 60, 80])).tables[0].indicators[0].measurement;
    expect(count.capaian.reason).toBe("unreadable-realisation");
    // Seed 001 line 1218's percentage: the latest quarter stands, whatever TW I holds.
    const pct = new SheetBuilder("Persen");
    ["No", "Sasaran Kinerja Individu", "Indikator Kinerja Individu (IKI)", "Target", "Realisasi TW I", "Realisasi TW II", "Realisasi TW III"].forEach((h, i) => pct.set(4, i + 1, h));
    [1, "Meningkatnya kinerja dan pembinaan ASN", "Persentase aparatur yang berkinerja baik", "85%", "ada", 60, 80].forEach((v, i) => pct.set(5, i + 1, v));
    const mp = evaluateSheet(pct.build()).tables[0].indicators[0].measurement;
    expect(mp.realisasi).toBe(80);
    expect(mp.capaian.value).toBeCloseTo((80 / 85) * 100, 9);
    pct.set(5, 7, "belum");
    expect(evaluateSheet(pct.build()).tables[0].indicators[0].measurement.capaian.reason).toBe("unreadable-realisation");
  });
});

describe("percent formats and fractions among percentages (point 4)", () => {
  test("a fraction formatted 0% is a percentage wherever it stands", () => {
    expect(readCell(0.85, "0%")).toMatchObject({ value: 85, percentFormat: true });
    expect(readCell(0.8512, "0.00%").value).toBeCloseTo(85.12, 9);
  });

  test("Pengukuran TW III row 12: 0,9 typed plain among 95 and 100 with a 100% target is read as 90%", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(TEKS, "Pengukuran TW III"), 12).measurement;
    expect(m.periods.map((p) => [p.stated, p.reading?.fractionScaled ?? false])).toEqual([
      [90, true],
      [95, false],
      [100, false],
    ]);
    // Excel would add the 0.9: no native formula is offered for such a row.
    const ev = await evaluateFixtureSheet(TEKS, "Pengukuran TW III");
    expect(capaianFormulaFor(ev.sheet, ev.tables[0].table, indicatorAt(ev, 12))).toEqual({ formula: null, reason: "fraction-among-percentages" });
  });

  test("a small percentage stays small: target 1%, realisations 0,4 and 0,6 are 0.4% and 0.6%", () => {
    const b = new SheetBuilder("Kecil");
    ["No", "Sasaran", "Indikator Kinerja", "Target", "Realisasi TW I", "Realisasi TW II"].forEach((h, i) => b.set(4, i + 1, h));
    [1, "Menurunnya angka kemiskinan", "Persentase penurunan angka kemiskinan", "1%", 0.4, 0.6].forEach((v, i) => b.set(5, i + 1, v));
    const m = evaluateSheet(b.build()).tables[0].indicators[0].measurement;
    expect(m.periods.map((p) => p.stated)).toEqual([0.4, 0.6]);
    expect(m.capaian.value).toBeCloseTo(60, 9);
  });

  test("Capaian Pecahan row 6: the capaian typed as the fraction 1.0118 is read as 101.18%", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(TEKS, "Capaian Pecahan"), 6).measurement;
    expect(m.capaianCell?.reading).toMatchObject({ fractionScaled: true });
    expect(m.capaianCell?.reading.value).toBeCloseTo(101.18, 9);
    expect(m.capaian.value).toBeCloseTo((86 / 85) * 100, 9);
  });
});

describe("the display tolerance: max(0.05, half a unit of the last decimal shown)", () => {
  test.each([
    ["0", 0.5],
    ["#,##0", 0.5],
    ["0.0", 0.05],
    ["0.00", 0.05],
    ["0%", 0.5],
    ["0.0%", 0.05],
  ])("format %s → %d", (format, tol) => {
    const raw = format.includes("%") ? 0.88 : 88;
    expect(displayTolerance(readCell(raw, format), format)).toBeCloseTo(tol, 12);
  });

  test("General shows the number as typed: 103 tolerates 0.5, 96.77 tolerates 0.05; a text 103,5 tolerates 0.05", () => {
    expect(displayTolerance(readCell(103, "General"), "General")).toBe(0.5);
    expect(displayTolerance(readCell(96.77, "General"), "General")).toBe(0.05);
    expect(displayTolerance(readCell("103,5", "@"), "@")).toBe(0.05);
    expect(formatDecimals("General")).toBeNull();
    expect(formatDecimals("#,##0.00;[Red]-#,##0.00")).toBe(2);
  });

  test("Bagian Pemerintahan row 11: ROUND(…,0) shows 88 for 87.5 in a `0` format — rounding, not a mismatch", async () => {
    const m = indicatorAt(await evaluateFixtureSheet("rumus-capaian-setda-2024.xlsx", "Bagian Pemerintahan"), 11).measurement;
    expect(m.capaianCell).toMatchObject({ tolerance: 0.5 });
    expect(m.capaianCell?.reading.value).toBe(88);
    expect(m.capaian.value).toBe(87.5);
  });
});

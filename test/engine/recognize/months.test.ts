/**
 * Months in every spelling officers type them (issue #14, point 1): Indonesian and English
 * abbreviations and full names, older spellings, `Bulan 1` … `Bulan 12`, dates formatted as
 * months, under merged group headers (`Realisasi Bulan`, `Realisasi Bulanan`, `Target
 * Bulanan`). Headers from the fixtures and the issue's own list.
 */
import { isPeriodOnly, parsePeriod } from "../../../src/engine/recognize/periods";
import { cellDisplay, isMonthFormat } from "../../../src/engine/recognize/grid";
import { recognizeSheet } from "../../../src/engine/recognize";
import { normalize } from "../../../src/engine/text";
import { SheetBuilder } from "../../../src/engine/snapshot";

const period = (header: string): string | null => parsePeriod(normalize(header))?.key ?? null;

describe("month spellings", () => {
  test.each([
    ...["Jan", "Januari", "January", "Jan."].map((h) => [h, 1]),
    ...["Feb", "Februari", "Pebruari", "February"].map((h) => [h, 2]),
    ...["Mar", "Maret", "March"].map((h) => [h, 3]),
    ...["Apr", "April"].map((h) => [h, 4]),
    ...["Mei", "May"].map((h) => [h, 5]),
    ...["Jun", "Juni", "June"].map((h) => [h, 6]),
    ...["Jul", "Juli", "July"].map((h) => [h, 7]),
    ...["Agu", "Agt", "Ags", "Aug", "Agustus", "August"].map((h) => [h, 8]),
    ...["Sep", "Sept", "September"].map((h) => [h, 9]),
    ...["Okt", "Oct", "Oktober", "October"].map((h) => [h, 10]),
    ...["Nov", "Nopember", "November"].map((h) => [h, 11]),
    ...["Des", "Dec", "Desember", "December"].map((h) => [h, 12]),
    ...Array.from({ length: 12 }, (_v, i) => [`Bulan ${i + 1}`, i + 1]),
    ["Bulan ke-3", 3],
    ["Bln 7", 7],
  ] as [string, number][])("%s is month %i, and a period label on its own", (header, month) => {
    expect(period(header)).toBe(`Bulan ${month}`);
    expect(isPeriodOnly(normalize(header))).toBe(true);
  });

  test("a month with its year, and a running total to a month", () => {
    expect(period("Januari 2024")).toBe("Bulan 1");
    expect(isPeriodOnly(normalize("Jan-24"))).toBe(true);
    expect(isPeriodOnly(normalize("Mei 2024"))).toBe(true);
    expect(parsePeriod(normalize("s.d. Maret"))).toEqual({ key: "Bulan 3", runningTotal: true });
  });

  test("a quarter that names its months is the quarter", () => {
    expect(period("Triwulan I (Jan–Mar)")).toBe("TW I");
    expect(isPeriodOnly(normalize("TW II (Apr - Jun)"))).toBe(true);
  });

  test("words that only contain a month's letters are not months", () => {
    for (const h of ["Desa", "Marginal", "Jumlah Desa", "Sumber Data", "Keterangan", "Penanggung Jawab"]) expect(period(h)).toBeNull();
  });
});

describe("dates used as month headers", () => {
  test("a date formatted as a month (mmm, mmmm yyyy, mmm-yy) reads as the month's name", () => {
    // 45292 = 1 January 2024, 45444 = 1 June 2024 (1900 date system).
    expect(isMonthFormat("mmm")).toBe(true);
    expect(isMonthFormat("mmmm yyyy")).toBe(true);
    expect(isMonthFormat("mmm-yy")).toBe(true);
    expect(isMonthFormat("dd/mm/yyyy")).toBe(false);
    expect(isMonthFormat("d mmmm yyyy")).toBe(false);
    expect(cellDisplay(45292, "mmm")).toBe("januari");
    expect(cellDisplay(45444, "mmmm yyyy")).toBe("juni 2024");
    expect(cellDisplay(45292, "General")).toBe("45292");
  });
});

/** A header row over `sub` (row 5) under a merged group starting at column `from`. */
function monthlySheet(group: string, sub: (string | number)[], format = "General"): ReturnType<SheetBuilder["build"]> {
  const b = new SheetBuilder("Bulanan");
  ["No", "Sasaran Kinerja Individu", "Indikator Kinerja Individu (IKI)", "Target"].forEach((h, i) => b.set(4, i + 1, h));
  b.set(4, 5, group);
  sub.forEach((h, i) => b.set(5, 5 + i, h, null, typeof h === "number" ? format : "General"));
  b.merges = [{ top: 4, left: 5, bottom: 4, right: 4 + sub.length }];
  // Seed 001 line 505's row, with realisation.
  const row = [1, "Terkelolanya pengarsipan dokumen kepegawaian", "Jumlah rekapitulasi hasil penerimaan dokumen kearsipan setiap bulan", "12 dokumen", ...sub.map(() => 1)];
  row.forEach((v, i) => b.set(6, i + 1, v));
  return b.build();
}

describe("monthly columns under a merged group header", () => {
  test.each([
    ["REALISASI BULAN", ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nov", "Des"]],
    ["Realisasi Bulanan", ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]],
    ["Realisasi", ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]],
    ["Realisasi Bulan", Array.from({ length: 12 }, (_v, i) => `Bulan ${i + 1}`)],
  ] as [string, string[]][])("%s over %s …: twelve monthly realisation columns, kumulatif 12 of 12", (group, sub) => {
    const [table] = recognizeSheet(monthlySheet(group, sub));
    const real = table.columns.filter((c) => c.role === "realisasi");
    expect(real.map((c) => c.period)).toEqual(Array.from({ length: 12 }, (_v, i) => `Bulan ${i + 1}`));
    expect(table.columns.filter((c) => c.role === "realisasi" && c.period === null)).toEqual([]);
  });

  test("Target Bulanan over months: monthly targets", () => {
    const [table] = recognizeSheet(monthlySheet("Target Bulanan", ["Jan", "Feb", "Mar"]));
    expect(table.columns.filter((c) => c.role === "target").map((c) => c.period)).toEqual([null, "Bulan 1", "Bulan 2", "Bulan 3"]);
  });

  test("months typed as dates formatted mmm under Realisasi", () => {
    const [table] = recognizeSheet(monthlySheet("Realisasi", [45292, 45323, 45352], "mmm"));
    expect(table.columns.filter((c) => c.role === "realisasi").map((c) => c.period)).toEqual(["Bulan 1", "Bulan 2", "Bulan 3"]);
  });
});

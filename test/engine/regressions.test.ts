/**
 * Regressions found in review (helper review of the engine, 2026-11-29). Each case is a
 * realistic cell the seeds do not happen to contain.
 */
import { parseFormula, printCanonical } from "../../src/engine/formula";
import { parseTarget } from "../../src/engine/indicator/target";
import { parseNumber } from "../../src/engine/indicator/number";
import { polarityOf } from "../../src/engine/indicator/kind";
import { matchRole } from "../../src/engine/recognize/vocabulary";
import { parsePeriod } from "../../src/engine/recognize/periods";
import { scaleForIndicator } from "../../src/engine/measure/grade-scales";
import { normalize } from "../../src/engine/text";

const canon = (t: string): string | null => {
  const p = parseFormula(t);
  return p.expr ? printCanonical(p.expr) : null;
};

test("deep or very long formula cells are classified, not a stack overflow", () => {
  for (const text of ["(".repeat(7000) + "a", "a - ".repeat(8192) + "b", "a : ".repeat(8192) + "b", "$" + "{".repeat(16000) + "$", "$" + "\\sum ".repeat(6000) + "$", "x".repeat(32767)]) {
    expect(parseFormula(text).cls).toBe("description");
  }
});

test("thousands in formulas: per 1.000 and per 100.000 (AKB, AKI rates)", () => {
  expect(canon("Jumlah kematian bayi dibagi jumlah kelahiran hidup dikali 1.000")).toBe("[Jumlah kematian bayi] / [jumlah kelahiran hidup] * 1000");
  expect(canon("$\\frac{a}{b} \\times 100.000$")).toBe("[a] / [b] * 100000");
});

test("a comma before three digits is a decimal comma; a percentage is never read above 1,000", () => {
  expect(parseTarget("3,064")).toMatchObject({ value: 3.064, ambiguity: { reason: "decimalComma" } });
  expect(parseTarget("87,125%")).toMatchObject({ value: 87.125 });
  expect(parseTarget("87.125%")).toMatchObject({ value: 87.125, ambiguity: { reason: "percent" } });
  // IKM as an NRR on 1–4.
  expect(parseTarget("3.532", { scale: scaleForIndicator("Tingkat kepuasan layanan") })).toMatchObject({ value: 3.532, ambiguity: { reason: "scale" } });
  // A count is not a score: the SAKIP scale does not decide `1.200 orang`.
  expect(parseTarget("1.200 orang", { scale: "SAKIP" })).toMatchObject({ form: "count", value: 1200 });
});

test("percent-formatted targets carry no floating-point noise", () => {
  expect(parseTarget(0.07, { numberFormat: "0%" }).value).toBe(7);
  expect(parseTarget(0.55, { numberFormat: "0%" }).value).toBe(55);
});

test("compound number words are not read as their first word", () => {
  expect(parseNumber("dua belas laporan")).toBeNull();
  expect(parseNumber("tiga puluh orang")).toBeNull();
});

test("polarity: a reduction is what is measured; deaths and stunting prevalence are negative", () => {
  expect(polarityOf("Persentase penurunan angka stunting").polarity).toBe("positive");
  expect(polarityOf("Angka Kematian Bayi").polarity).toBe("negative");
  expect(polarityOf("Prevalensi stunting").polarity).toBe("negative");
});

test("a header that starts with another role word is that role", () => {
  expect(matchRole(normalize("Capaian Indikator (%)"))).toBe("capaian");
  expect(matchRole(normalize("Target indikator"))).toBe("target");
  expect(matchRole(normalize("Sumber data indikator"))).toBe("sumber");
});

test("periods: `Triwulan Ke-1`, `TW ke-III`, `Triwulan pertama`; `non kumulatif` is no running total", () => {
  expect(parsePeriod(normalize("Triwulan Ke-1"))).toEqual({ key: "TW I", runningTotal: false });
  expect(parsePeriod(normalize("TW ke-III"))).toEqual({ key: "TW III", runningTotal: false });
  expect(parsePeriod(normalize("Triwulan pertama"))).toEqual({ key: "TW I", runningTotal: false });
  expect(parsePeriod(normalize("Realisasi TW I Non Kumulatif"))).toEqual({ key: "TW I", runningTotal: false });
});

test("the satisfaction index of public services is an IKM, and AKIP is SAKIP", () => {
  expect(scaleForIndicator("Indeks Kepuasan Masyarakat terhadap Pelayanan Publik")).toBe("IKM");
  expect(scaleForIndicator("Nilai AKIP Perangkat Daerah")).toBe("SAKIP");
});

test("a label before the formula and a dash between names are no arithmetic", () => {
  expect(parseFormula("Formula : Jumlah dokumen").cls).toBe("count");
  expect(parseFormula("Jumlah dokumen RKA - DPA").cls).toBe("count");
});

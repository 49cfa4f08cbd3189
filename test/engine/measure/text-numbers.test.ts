/**
 * Numbers typed as text, read as Indonesian offices write them (issue #14, point 3):
 * `1.250` is 1250, `1.250.000`, `12,5`, `84,5%`, `Rp 1.250.000`, non-breaking and trailing
 * spaces, `12 dokumen`; an ambiguous `1.250` decided by the indicator's scale, its target,
 * the row's other periods, the cell's number format and the column's other cells, with the
 * reading named. Also the issue's own example: `1.250` against a target of 1.200 formatted
 * `#,##0` (seed 001's 1020-document rows, line 924).
 */
import { readCell, textConvention } from "../../../src/engine/measure/values";
import { evaluateSheet } from "../../../src/engine/evaluate";
import { SheetBuilder, type CellValue } from "../../../src/engine/snapshot";
import { runRules } from "../../../src/engine/rules";

describe("unambiguous texts", () => {
  test.each([
    ["1.250.000", 1250000, undefined],
    ["12,5", 12.5, undefined],
    ["84,5%", 84.5, undefined],
    ["Rp 1.250.000", 1250000, undefined],
    ["Rp. 1.250.000,-", 1250000, undefined],
    ["1.250,5", 1250.5, undefined],
    ["18,2\u00a0", 18.2, undefined],
    ["17 ", 17, undefined],
    ["'85", 85, undefined],
    ["\u22122", -2, undefined],
    ["12 dokumen", 12, "dokumen"],
    ["31 orang", 31, "orang"],
  ] as [string, number, string | undefined][])("%s → %d", (text, value, unit) => {
    const r = readCell(text, "@");
    expect(r).toMatchObject({ status: "text-number", value });
    expect(r.ambiguity).toBeUndefined();
    expect(r.unit).toBe(unit);
  });

  test("a number with other words after it is not a number", () => {
    expect(readCell("12 dokumen (revisi)", null).status).toBe("not-numeric");
    expect(readCell("ada", null).status).toBe("not-numeric");
    expect(readCell("tiga", null)).toMatchObject({ status: "word", wordValue: 3, value: null });
  });

  test("how a text is typed: Indonesian, English, or it does not say", () => {
    expect(textConvention("12,5")).toBe("indonesian");
    expect(textConvention("1.250.000")).toBe("indonesian");
    expect(textConvention("82.53")).toBe("english");
    expect(textConvention("1,250.5")).toBe("english");
    expect(textConvention("1.250")).toBeNull();
    expect(textConvention("85")).toBeNull();
  });
});

describe("an ambiguous `1.250` (and `2.991`)", () => {
  test.each([
    ["the indicator's scale (PATEN 1–4: 2.991)", "2.991", null, { scaleRanges: [[0, 5]] }, 2.991, "scale"],
    ["the target (1.020 documents)", "1.050", null, { target: 1020 }, 1050, "target"],
    ["the target (a 3.15 score)", "3.020", null, { target: 3.15 }, 3.02, "target"],
    ["the row's other periods (255, 260)", "1.250", null, { peers: [1180, 1300] }, 1250, "row"],
    ["the number format #,##0", "1.250", "#,##0", {}, 1250, "numberFormat"],
    ["the number format 0.000", "1.250", "0.000", {}, 1.25, "numberFormat"],
    ["the column typed the Indonesian way (12,5)", "1.250", null, { column: { indonesian: 3, english: 0 } }, 1250, "column"],
    ["the column typed the English way (82.53)", "1.250", null, { column: { indonesian: 0, english: 2 } }, 1.25, "column"],
    ["a small-scale score", "2.991", null, { smallScale: true }, 2.991, "smallScale"],
    ["nothing: Indonesian writing, a dot groups thousands", "1.250", null, {}, 1250, "thousandsDot"],
    ["nothing: a comma before three digits is the decimal sign", "2,991", null, {}, 2.991, "decimalComma"],
  ] as [string, string, string | null, object, number, string][])("decided by %s", (_why, text, format, ctx, value, reason) => {
    const r = readCell(text, format, ctx);
    expect(r.value).toBeCloseTo(value, 9);
    expect(r.ambiguity?.reason).toBe(reason);
  });
});

/** Seed 001's Pranata Kearsipan rows as an SKP sheet: target 1.020 formatted #,##0, realisation typed as text. */
function skp(realisation: CellValue, targetFormat = "#,##0"): ReturnType<SheetBuilder["build"]> {
  const b = new SheetBuilder("SKP");
  ["NO", "RENCANA KINERJA", "INDIKATOR KINERJA INDIVIDU", "TARGET", "REALISASI", "CAPAIAN IKI"].forEach((h, i) => b.set(4, i + 1, h));
  b.set(5, 1, 1);
  b.set(5, 2, "Terwujudnya pelayanan kearsipan");
  b.set(5, 3, "Jumlah dokumen rekapitulasi hasil penerimaan dokumen kepegawaian");
  b.set(5, 4, 1020, null, targetFormat);
  b.set(5, 5, realisation);
  b.set(5, 6, 102.94);
  return b.build();
}

test("the issue's example: `1.050` typed as text against 1.020 (#,##0) is 1050 — capaian 102.94, no error", () => {
  const ev = evaluateSheet(skp("1.050"));
  const m = ev.tables[0].indicators[0].measurement;
  expect(m.realisasi).toBe(1050);
  expect(m.capaian.value).toBeCloseTo((1050 / 1020) * 100, 9);
  const findings = runRules(ev);
  expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  expect(findings.map((f) => [f.cell, f.rule, f.severity, f.messages.id])).toEqual([
    ["E5", "number-stored-as-text", "info", 'Realisasi Tahunan "1.050" tersimpan sebagai teks; dibaca 1050, bukan 1,05: sesuai besaran targetnya.'],
  ]);
});

test("the report names the reading in the indicator's evidence", async () => {
  const { reportSheet } = await import("../../../src/engine/report");
  const [table] = reportSheet(skp("1.050")).tables;
  expect(table.indicators[0].evidence.readings).toEqual([{ cell: "E5", text: "1.050", value: 1050, reading: "text-two-ways", reason: "target" }]);
});

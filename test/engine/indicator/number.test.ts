/**
 * Numbers and targets as the seeds write them, and properties of the number parser.
 */
import fc from "fast-check";
import { parseNumber, formatHasDecimals } from "../../../src/engine/indicator/number";
import { parseTarget, describeAmbiguity } from "../../../src/engine/indicator/target";

describe("numbers", () => {
  test.each([
    // [text from the seeds or DOMAIN.md, value, percent, alternatives]
    ["1.234.567,50", 1234567.5, false, []],
    ["3,01", 3.01, false, []],
    ["82.53", 82.53, false, []],
    ["80%", 80, true, []],
    ["80 %", 80, true, []],
    ["100 persen", 100, true, []],
    ["'85", 85, false, []],
    ["2.991", 2.991, false, [2991]],
    ["1,234,567.50", 1234567.5, false, []],
    ["0.8", 0.8, false, []],
  ] as const)("%s", (text, value, percent, alternatives) => {
    const n = parseNumber(text);
    expect(n).not.toBeNull();
    expect(n!.value).toBeCloseTo(value, 9);
    expect(n!.percent).toBe(percent);
    expect(n!.alternatives).toEqual(alternatives);
  });

  test("number words are read and marked as words (`tiga`, `nihil`)", () => {
    expect(parseNumber("tiga")).toMatchObject({ value: 3, fromWord: true });
    expect(parseNumber("nihil")).toMatchObject({ value: 0, fromWord: true });
    expect(parseNumber("-")).toBeNull();
    expect(parseNumber("ada")).toBeNull();
  });

  test("units after the number are kept apart (`4 dokumen`, `31 orang`)", () => {
    expect(parseNumber("4 dokumen")).toMatchObject({ value: 4, rest: "dokumen" });
    expect(parseNumber("31 orang")).toMatchObject({ value: 31, rest: "orang" });
  });

  test("decimal formats are recognised", () => {
    expect(formatHasDecimals("0.000")).toBe(true);
    expect(formatHasDecimals("#,##0")).toBe(false);
    expect(formatHasDecimals("0.0%")).toBe(true);
  });

  test("property: no text throws, and a parsed value is finite", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
        const n = parseNumber(text);
        if (n) expect(Number.isFinite(n.value)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  test("property: an Indonesian-formatted number reads back as itself", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 99 }), (int, cents) => {
        const grouped = int.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
        const text = `${grouped},${cents.toString().padStart(2, "0")}`;
        const n = parseNumber(text);
        expect(n!.value).toBeCloseTo(int + cents / 100, 6);
        expect(n!.alternatives).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  test("property: an English-formatted number reads back as itself", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 99 }), (int, cents) => {
        const grouped = int.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
        const n = parseNumber(`${grouped}.${cents.toString().padStart(2, "0")}`);
        expect(n!.value).toBeCloseTo(int + cents / 100, 6);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("targets", () => {
  test.each([
    ["B (65)", { form: "grade", grade: "B", value: 65 }],
    ["B(80)", { form: "grade", grade: "B", value: 80 }],
    ["BB = 70.4", { form: "grade", grade: "BB", value: 70.4 }],
    ["B = 66.04", { form: "grade", grade: "B", value: 66.04 }],
    ["3,01 (-B)", { form: "grade", grade: "B-", value: 3.01 }],
    ["4,91 (A)", { form: "grade", grade: "A", value: 4.91 }],
    ["WTP", { form: "grade", grade: "WTP", scale: "OPINI" }],
    ["80%", { form: "percent", value: 80, unit: "%" }],
    ["100", { form: "number", value: 100 }],
    ["4 dokumen", { form: "count", value: 4, unit: "dokumen" }],
    ["12 Laporan", { form: "count", value: 12, unit: "laporan" }],
    ["6 Urusan", { form: "count", value: 6, unit: "urusan" }],
    ["10 Kesepakatan", { form: "count", value: 10, unit: "kesepakatan" }],
    ["125", { form: "number", value: 125 }],
    ["82.53", { form: "number", value: 82.53 }],
    ["-", { form: "dash", value: null }],
    ["", { form: "empty" }],
    ["1 3dokumen", { form: "unparsed" }],
  ] as const)("%s", (text, expected) => {
    expect(parseTarget(text)).toMatchObject(expected);
  });

  test("ranges: `80–90%`, `80 s.d. 90`", () => {
    expect(parseTarget("80–90%")).toMatchObject({ form: "range", range: { lower: 80, upper: 90 }, unit: "%" });
    expect(parseTarget("80 s.d. 90")).toMatchObject({ form: "range", range: { lower: 80, upper: 90 } });
  });

  test("a number cell formatted as a percentage is a percentage (`0.8` shown as 80%)", () => {
    expect(parseTarget(0.8, { numberFormat: "0%" })).toMatchObject({ form: "percent", value: 80 });
  });

  test("`2.991`: resolved by the scale, the number format, or else read the Indonesian way — always reported", () => {
    expect(parseTarget("2.991", { scale: "IPP" })).toMatchObject({ value: 2.991, ambiguity: { reason: "scale" } });
    expect(parseTarget("2.991", { numberFormat: "0.000" })).toMatchObject({ value: 2.991, ambiguity: { reason: "numberFormat" } });
    const plain = parseTarget("2.991");
    expect(plain).toMatchObject({ value: 2991, ambiguity: { reason: "thousandsDot", other: 2.991 } });
    expect(describeAmbiguity(plain.ambiguity!, "id")).toBe('"2.991" dibaca 2991 (titik dibaca sebagai pemisah ribuan), bukan 2.991');
    expect(describeAmbiguity(plain.ambiguity!, "en")).toBe('"2.991" read as 2991 (dot read as a thousands separator), not 2.991');
  });

  test("property: no target text throws", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
        parseTarget(text);
      }),
      { numRuns: 3000 },
    );
  });
});

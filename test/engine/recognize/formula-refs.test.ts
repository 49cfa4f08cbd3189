/**
 * The cells an officer's own formula reads: A1 references and ranges, other sheets, the
 * structured references of Excel Tables as Excel stores them, and the shape of a closing
 * row's aggregate. Formulas as they stand in the layout fixtures.
 */
import { aggregateOf, refsOf } from "../../../src/engine/recognize/formula-refs";
import { SheetBuilder } from "../../../src/engine/snapshot";

const plain = new SheetBuilder("Bagian Pemerintahan").build();
const cells = (f: string, row = 9, col = 10) => refsOf(f, plain, row, col).map((r) => [r.sheet, r.area.top, r.area.left, r.area.bottom, r.area.right]);

test("A1 references, absolute or not, ranges and other sheets", () => {
  expect(cells("=H8/3*100")).toEqual([[null, 8, 8, 8, 8]]);
  expect(cells('=IFERROR(M10/E10*100,"")')).toEqual([
    [null, 10, 13, 10, 13],
    [null, 10, 5, 10, 5],
  ]);
  expect(cells("=SUM($J$10:M10)/E10*100")).toEqual([
    [null, 10, 10, 10, 13],
    [null, 10, 5, 10, 5],
  ]);
  expect(cells("='Data TW'!H8+'Bagian Pemerintahan'!E8")).toEqual([
    ["Data TW", 8, 8, 8, 8],
    [null, 8, 5, 8, 5],
  ]);
  // Function names with digits and text in quotes are not references.
  expect(cells('=LOG10(A2)&"B3"')).toEqual([[null, 2, 1, 2, 1]]);
});

describe("structured references (Excel Tables)", () => {
  const b = new SheetBuilder("Tabel TW III");
  ["No", "Kinerja Utama", "Indikator Kinerja Utama", "Satuan", "Target", "Realisasi TW I", "Realisasi TW II", "Realisasi TW III", "Capaian (%)"].forEach((h, i) => b.set(4, i + 1, h));
  b.tables = [{ name: "TabelPemerintahan", area: { top: 4, left: 1, bottom: 10, right: 9 }, headerRows: 1, totalsRows: 1, autoFilter: true }];
  const s = b.build();
  const at = (f: string) => refsOf(f, s, 6, 9).map((r) => [r.area.top, r.area.left, r.area.bottom, r.area.right]);

  test.each([
    ["=TabelPemerintahan[[#This Row],[Realisasi TW III]]/TabelPemerintahan[[#This Row],[Target]]*100", [[6, 8, 6, 8], [6, 5, 6, 5]]],
    ["=[@[Realisasi TW III]]/[@Target]*100", [[6, 8, 6, 8], [6, 5, 6, 5]]],
    ["=SUM(TabelPemerintahan[[#This Row],[Realisasi TW I]:[Realisasi TW III]])/TabelPemerintahan[[#This Row],[Target]]*100", [[6, 6, 6, 8], [6, 5, 6, 5]]],
    ["=SUM(TabelPemerintahan[@[Realisasi TW I]:[Realisasi TW III]])/[@Target]*100", [[6, 6, 6, 8], [6, 5, 6, 5]]],
    ["=SUBTOTAL(101,TabelPemerintahan[Capaian (%)])", [[5, 9, 9, 9]]],
    ["=TabelPemerintahan[[#Totals],[Capaian (%)]]", [[10, 9, 10, 9]]],
  ] as [string, number[][]][])("%s", (f, expected) => {
    expect(at(f)).toEqual(expected);
  });
});

test("closing-row aggregates: the function, its range, and whether hidden rows count", () => {
  const s = new SheetBuilder("x").build();
  expect(aggregateOf("=SUM(F6:F9)", s, 10, 6)).toEqual({ fn: "sum", ref: { sheet: null, area: { top: 6, left: 6, bottom: 9, right: 6 } }, ignoresHidden: false });
  expect(aggregateOf("=ROUND(AVERAGE(R6:R9),2)", s, 11, 18)?.fn).toBe("average");
  expect(aggregateOf("=SUBTOTAL(9,E5:E9)", s, 10, 5)).toMatchObject({ fn: "sum", ignoresHidden: false });
  expect(aggregateOf("=SUBTOTAL(109,E5:E9)", s, 10, 5)).toMatchObject({ fn: "sum", ignoresHidden: true });
  // A row's own arithmetic is no aggregate.
  expect(aggregateOf("=SUM(E8:G8)/D8*100", s, 8, 8)).toBeNull();
  expect(aggregateOf("=H8/3*100", s, 9, 10)).toBeNull();
});

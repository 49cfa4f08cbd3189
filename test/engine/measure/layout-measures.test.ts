/**
 * The year-to-date figures of the measurement-layout fixtures, against
 * test/fixtures/expected/measures-layouts.json (worked out by hand from the cells): every
 * expected indicator is measured as expected, and no other row is an indicator (closing
 * rows, rincian rows and hidden helper cells are not).
 */
import { evaluateSheet } from "../../../src/engine/evaluate";
import { loadJson, loadWorkbook } from "../../support/fixtures";

interface Expected {
  closingRows: number[];
  indicators: { row: number; realisasi: number | null; capaian: number | null }[];
}

const WORKBOOKS = ["bulanan-bkpsdm-2024.xlsx", "teks-angka-kesbangpol-2025.xlsx", "rumus-capaian-setda-2024.xlsx", "skp-bkpsdm-2024.xlsx", "tabel-excel-setda-2024.xlsx"];
const expected = loadJson<Record<string, Expected | string>>("expected/measures-layouts.json");

const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 1e6) / 1e6);

describe.each(WORKBOOKS)("%s", (workbook) => {
  test("every sheet's indicators measure as worked out by hand, and nothing else is an indicator", async () => {
    const wb = await loadWorkbook(workbook);
    for (const sheet of wb.sheets) {
      const want = expected[sheet.name] as Expected | undefined;
      const tables = evaluateSheet(sheet).tables;
      if (!want) {
        expect({ sheet: sheet.name, tables: tables.length }).toEqual({ sheet: sheet.name, tables: 0 });
        continue;
      }
      const got = tables.flatMap((t) => t.indicators).map((i) => ({ row: i.typed.row.row, realisasi: round(i.measurement.realisasi), capaian: round(i.measurement.capaian.value) }));
      expect({ sheet: sheet.name, indicators: got }).toEqual({ sheet: sheet.name, indicators: want.indicators });
      expect({ sheet: sheet.name, closingRows: tables.flatMap((t) => t.table.closingRows.map((c) => c.row)) }).toEqual({ sheet: sheet.name, closingRows: want.closingRows });
    }
  });
});

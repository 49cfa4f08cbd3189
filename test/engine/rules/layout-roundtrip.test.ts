/**
 * Issue #14, point 11: every measurement-layout fixture gives the same results after a
 * LibreOffice round trip — xlsx → LibreOffice → xlsx (and through .ods), and with every
 * formula recalculated by LibreOffice on load (the officers' own capaian, SUM and AVERAGE
 * rows, structured references) — compared with the hand-written expectations, not only
 * with the original's report. Uses the file layer's harness (test/support/other-writers.ts).
 */
import path from "path";
import { checkWorkbook } from "../../../src/engine/report";
import { evaluateSheet } from "../../../src/engine/evaluate";
import { findSoffice } from "../../../src/xlsx/libreoffice";
import { readWorkbookFile } from "../../../src/xlsx/read-workbook";
import { loadJson, WORKBOOKS } from "../../support/fixtures";
import { roundTrip, type Via } from "../../support/other-writers";
import { expectedLayoutKeys, errorsOnCleanRows, LAYOUT_FIXTURES } from "./compare-layout-findings";

const soffice = findSoffice();
if (!soffice && process.env.CI) throw new Error("LibreOffice is required in CI (.ci/run installs libreoffice-calc-nogui)");

interface Expected {
  closingRows: number[];
  indicators: { row: number; realisasi: number | null; capaian: number | null }[];
}
const measures = loadJson<Record<string, Expected | string>>("expected/measures-layouts.json");
const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 1e6) / 1e6);
const files = LAYOUT_FIXTURES.map((f) => path.join(WORKBOOKS, f));

(soffice ? describe : describe.skip).each<Via>(["xlsx", "ods", "recalculated"])("through LibreOffice (%s)", (via) => {
  test("findings (both ways), errors on clean rows and the year-to-date figures are the expected ones", async () => {
    const trips = (await roundTrip(files, via))!;
    for (const file of files) {
      const name = path.basename(file);
      const wb = await readWorkbookFile(trips.get(file)!.xlsx);
      const findings = checkWorkbook(wb).findings;
      const keys = findings.map((f) => `${f.sheet}!${f.cell} ${f.rule}`).sort();
      expect({ name, keys }).toEqual({ name, keys: [...expectedLayoutKeys(name)].sort() });
      expect({ name, errorsOnCleanRows: errorsOnCleanRows(findings).length }).toEqual({ name, errorsOnCleanRows: 0 });
      for (const sheet of wb.sheets) {
        const want = measures[sheet.name] as Expected | undefined;
        const tables = evaluateSheet(sheet).tables;
        const got = tables.flatMap((t) => t.indicators).map((i) => ({ row: i.typed.row.row, realisasi: round(i.measurement.realisasi), capaian: round(i.measurement.capaian.value) }));
        expect({ name, sheet: sheet.name, got }).toEqual({ name, sheet: sheet.name, got: want?.indicators ?? [] });
      }
    }
  });
});

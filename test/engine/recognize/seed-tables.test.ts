/**
 * Acceptance of recognition on the seed fixtures: every indicator table is found with
 * its exact first and last data rows, column roles, indicator rows and Jabatan; no
 * other table is found. Expectations were written by reading the seeds, in seed line
 * numbers; line-map.json says where each line landed in the workbook.
 */
import { recognizeSheet } from "../../../src/engine/recognize";
import { loadJson, loadLineMap, loadWorkbook } from "../../support/fixtures";
import { shapeOf, type ExpectedTable, type TableShape } from "./compare";

const lineMap = loadLineMap();
const expectations: Record<string, ExpectedTable[]> = {
  ...loadJson<Record<string, ExpectedTable[]>>("expected/tables-000-001-003-004.json"),
  ...loadJson<Record<string, ExpectedTable[]>>("expected/tables-002.json"),
};
const seeds = ["000", "001", "002", "003", "004"];

function at(seed: string, line: number): { sheet: string; row: number } {
  const loc = lineMap.lines[seed][String(line)];
  if (!loc) throw new Error(`seed ${seed} line ${line} did not land on a row`);
  return loc;
}

function expectedShape(seed: string, e: ExpectedTable): TableShape {
  const head = at(seed, e.headerLines[0]);
  return {
    sheet: head.sheet,
    headerRow: head.row,
    firstDataRow: at(seed, e.firstDataLine).row,
    lastDataRow: at(seed, e.lastDataLine).row,
    kind: e.kind,
    roles: e.roles,
    indicatorRows: e.indicatorLines.map((l) => at(seed, l).row),
    repeatedHeaderRows: e.repeatedHeaderLines.map((l) => at(seed, l).row),
    jabatan: e.jabatan,
  };
}

describe.each(seeds)("seed %s", (seed) => {
  let found: TableShape[] = [];
  beforeAll(async () => {
    const wb = await loadWorkbook(lineMap.workbooks[seed]);
    found = wb.sheets.flatMap((s) => recognizeSheet(s).map(shapeOf));
  });
  const expected = (expectations[seed] ?? []).map((e) => expectedShape(seed, e));

  test("finds exactly the expected tables (no false tables)", () => {
    const key = (t: TableShape): string => `${t.sheet}!${t.headerRow}`;
    expect(found.map(key).sort()).toEqual(expected.map(key).sort());
  });

  if (expected.length === 0) return; // seed 003: no indicator table at all
  test.each(expected.map((e) => [`${e.sheet}!${e.headerRow}`, e] as const))("table at %s", (_k, e) => {
    const t = found.find((f) => f.sheet === e.sheet && f.headerRow === e.headerRow);
    expect(t).toBeDefined();
    expect(t).toEqual(e);
  });
});

/**
 * Prints recognition against the expectations, table by table, field by field:
 * `npx ts-node --transpile-only test/engine/recognize/report-recognition.ts`.
 * The jest test asserts the same; this shows the figures for a closing note.
 */
import { recognizeSheet } from "../../../src/engine/recognize";
import { loadJson, loadLineMap, loadWorkbook } from "../../support/fixtures";
import { shapeOf, type ExpectedTable, type TableShape } from "./compare";

async function main(): Promise<void> {
  const lineMap = loadLineMap();
  const expectations: Record<string, ExpectedTable[]> = {
    ...loadJson<Record<string, ExpectedTable[]>>("expected/tables-000-001-003-004.json"),
    ...loadJson<Record<string, ExpectedTable[]>>("expected/tables-002.json"),
  };
  const only = process.argv[2];
  let expectedCount = 0;
  let foundCount = 0;
  let exact = 0;
  let falseTables = 0;
  for (const seed of ["000", "001", "002", "003", "004"]) {
    if (only && only !== seed) continue;
    const at = (l: number): { sheet: string; row: number } => {
      const loc = lineMap.lines[seed][String(l)];
      if (!loc) throw new Error(`seed ${seed} line ${l} has no row`);
      return loc;
    };
    const wb = await loadWorkbook(lineMap.workbooks[seed]);
    const found = wb.sheets.flatMap((s) => recognizeSheet(s).map(shapeOf));
    const expected: (TableShape & { line: number })[] = (expectations[seed] ?? []).map((e) => ({
      line: e.headerLines[0],
      sheet: at(e.headerLines[0]).sheet,
      headerRow: at(e.headerLines[0]).row,
      firstDataRow: at(e.firstDataLine).row,
      lastDataRow: at(e.lastDataLine).row,
      kind: e.kind,
      roles: e.roles,
      indicatorRows: e.indicatorLines.map((l) => at(l).row),
      repeatedHeaderRows: e.repeatedHeaderLines.map((l) => at(l).row),
      jabatan: e.jabatan,
    }));
    expectedCount += expected.length;
    for (const f of found) {
      if (!expected.some((e) => e.sheet === f.sheet && e.headerRow === f.headerRow)) {
        falseTables++;
        console.log(`seed ${seed}: FALSE table ${f.sheet}!${f.headerRow}`);
      }
    }
    for (const e of expected) {
      const f = found.find((x) => x.sheet === e.sheet && x.headerRow === e.headerRow);
      if (!f) {
        console.log(`seed ${seed} line ${e.line}: MISSED ${e.sheet}!${e.headerRow}`);
        continue;
      }
      foundCount++;
      const diffs: string[] = [];
      for (const k of ["firstDataRow", "lastDataRow", "kind", "jabatan"] as const) {
        if (f[k] !== e[k]) diffs.push(`${k} ${JSON.stringify(f[k])} ≠ ${JSON.stringify(e[k])}`);
      }
      if (JSON.stringify(f.roles) !== JSON.stringify(e.roles)) diffs.push(`roles ${JSON.stringify(f.roles)} ≠ ${JSON.stringify(e.roles)}`);
      const extra = f.indicatorRows.filter((r) => !e.indicatorRows.includes(r));
      const missing = e.indicatorRows.filter((r) => !f.indicatorRows.includes(r));
      if (extra.length || missing.length) diffs.push(`indicators +${JSON.stringify(extra)} -${JSON.stringify(missing)}`);
      if (JSON.stringify(f.repeatedHeaderRows) !== JSON.stringify(e.repeatedHeaderRows))
        diffs.push(`repeated ${JSON.stringify(f.repeatedHeaderRows)} ≠ ${JSON.stringify(e.repeatedHeaderRows)}`);
      if (diffs.length === 0) exact++;
      else console.log(`seed ${seed} line ${e.line} (${e.sheet}!${e.headerRow}): ${diffs.join("; ")}`);
    }
  }
  console.log(`tables expected ${expectedCount}, found ${foundCount}, exact ${exact}, false ${falseTables}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

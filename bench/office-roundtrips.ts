/**
 * Office round trips of the add-in, counted on the fake Excel (test/support/fake-excel.ts):
 * syncs per check and per edit batch, and the approximate response size of each sync (JSON
 * bytes of the loaded data; Excel on the web refuses responses above 5 MB). Real Excel's
 * latency per sync is not measured here: no Excel on this machine. Prints the figures.
 *
 *   npm run bench:office
 */
import { performance } from "perf_hooks";
import { readWorkbookFile } from "../src/xlsx/read-workbook";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../src/engine/snapshot";
import { gridOf, withGrid } from "../test/support/grid";
import { WorkbookSession } from "../src/office/workbook-session";
import { FakeExcelHost, FakeWorkbookModel } from "../test/support/fake-excel";
import path from "path";

const WORKBOOKS = path.join(__dirname, "..", "test", "fixtures", "workbooks");
const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;

/** A measurement sheet of `rows` indicator rows: the Pengukuran TW table's rows repeated. */
function grown(base: SheetSnapshot, headerRows: number, rows: number): SheetSnapshot {
  const grid = gridOf(base);
  const header = grid.values.slice(0, headerRows);
  const body = grid.values.slice(headerRows);
  const values: CellValue[][] = [...header];
  const formulas: (string | null)[][] = grid.formulas.slice(0, headerRows).map((l) => l.slice());
  const formats: (string | null)[][] = grid.numberFormats.slice(0, headerRows).map((l) => l.slice());
  for (let i = 0; values.length < headerRows + rows; i++) {
    const k = i % body.length;
    const line = body[k].slice();
    line[0] = values.length - headerRows + 1; // No
    values.push(line);
    formulas.push(body[k].map(() => null));
    formats.push(grid.numberFormats[headerRows + k].slice());
  }
  return withGrid(base, { origin: grid.origin, values, formulas, numberFormats: formats }, base.merges.filter((m) => m.bottom < grid.origin.row + headerRows));
}

async function measure(label: string, wb: WorkbookSnapshot, edit?: { sheet: string; row: number; col: number }): Promise<void> {
  const host = new FakeExcelHost(FakeWorkbookModel.fromSnapshot(wb));
  const session = new WorkbookSession(host.run, { notes: true, triggerSource: true });
  const t0 = performance.now();
  const state = await session.check();
  const t1 = performance.now();
  const cells = wb.sheets.reduce((n, s) => n + (s.bounds ? (s.bounds.bottom - s.bounds.top + 1) * (s.bounds.right - s.bounds.left + 1) : 0), 0);
  const bytes = host.responseBytes[0];
  const line = `${label}: ${cells.toLocaleString("en")} cells, ${state.report.findings.length} findings; first check ${host.batches[0].syncs} syncs (${session.syncLog.map((s) => s.kind).join(", ")}), largest response ${kb(Math.max(...bytes))}, ${(t1 - t0).toFixed(0)} ms in-process`;
  await session.check();
  const recheck = `; re-check ${host.batches[1].syncs} sync(s), ${kb(host.responseBytes[1][0])}`;
  let editLine = "";
  if (edit) {
    await session.startLive();
    const sheet = host.model.sheet(edit.sheet);
    sheet.setCell(edit.row, edit.col, 3);
    const before = host.batches.length;
    await host.fire(edit.sheet, "onChanged", { address: `${String.fromCharCode(64 + edit.col)}${edit.row}`, triggerSource: "Unknown" });
    const e0 = performance.now();
    await session.flush();
    const e1 = performance.now();
    editLine = `; edit batch ${host.batches[before].syncs} syncs, responses ${host.responseBytes[before].map(kb).join(" + ")}, ${(e1 - e0).toFixed(1)} ms in-process`;
    await session.stopLive();
  }
  console.log(line + recheck + editLine);
}

async function main(): Promise<void> {
  for (const f of ["pengukuran-bkpsdm-2024.xlsx", "seed-002-iki-kesbangpol-kukar-2025.xlsx", "seed-004-iku-setda-balangan-2021-2026.xlsx"]) {
    const wb = await readWorkbookFile(path.join(WORKBOOKS, f));
    await measure(f, wb, f.startsWith("pengukuran") ? { sheet: "Rencana Aksi 2024", row: 14, col: 11 } : undefined);
  }
  const base = (await readWorkbookFile(path.join(WORKBOOKS, "pengukuran-bkpsdm-2024.xlsx"))).sheets.find((s) => s.name === "Pengukuran TW")!;
  const headerRows = 5 - base.bounds!.top; // data starts at row 5
  for (const rows of [5000, 50000]) {
    const sheet = grown(base, headerRows, rows);
    await measure(`synthetic ${rows.toLocaleString("en")} rows`, { sheets: [sheet] }, { sheet: sheet.name, row: 5 + 10, col: 7 });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * Office round trips of the add-in, counted on Microsoft's Excel client library
 * (@microsoft/office-js in a vm context) from the ProcessQuery requests it sends, answered by
 * the simulator (test/support/excel-simulator.ts): syncs per check and per edit batch, the
 * largest request and response of each (Excel on the web refuses either above 5 MB), and
 * Excel.run's own cleanup request after a batch (it removes the references of the ranges the
 * batch was handed; no data). Real Excel's latency per sync is not measured here: there is
 * no Excel on this machine. The ExcelApi 1.18 note classes are not in the npm library;
 * test/support/notes-api.ts adds them, so these figures include the notes. Prints the figures.
 *
 *   npm run bench:office
 */
import { performance } from "perf_hooks";
import { readWorkbookFile } from "../src/xlsx/read-workbook";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../src/engine/snapshot";
import { gridOf, withGrid } from "../test/support/grid";
import { ExcelSimulator, type RequestRecord } from "../test/support/excel-simulator";
import { officeRuntime } from "../test/support/office-runtime";
import { sessionOn } from "../test/support/simulated-host";
import path from "path";

const WORKBOOKS = path.join(__dirname, "..", "test", "fixtures", "workbooks");
const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;

/** One batch's requests: the add-in's syncs, Excel.run's cleanup, the largest payloads. */
function batchFigures(sim: ExcelSimulator, batch: number): string {
  const all: RequestRecord[] = sim.requests.filter((r) => r.batch === batch);
  const syncs = all.filter((r) => !r.cleanup);
  const cleanup = all.length - syncs.length;
  const writes = syncs.filter((r) => r.wrote).length;
  const maxReq = Math.max(0, ...syncs.map((r) => r.requestBytes));
  const maxRes = Math.max(0, ...syncs.map((r) => r.responseBytes));
  return `${syncs.length} sync(s) (${writes} writing) + ${cleanup} cleanup, largest request ${kb(maxReq)}, response ${kb(maxRes)}`;
}

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
  const sim = ExcelSimulator.fromSnapshot(wb, officeRuntime());
  const session = sessionOn(sim);
  const t0 = performance.now();
  const state = await session.check();
  const t1 = performance.now();
  const cells = wb.sheets.reduce((n, s) => n + (s.bounds ? (s.bounds.bottom - s.bounds.top + 1) * (s.bounds.right - s.bounds.left + 1) : 0), 0);
  const lines = [`${label}: ${cells.toLocaleString("en")} cells, ${state.report.findings.length} findings`];
  lines.push(`  first check: ${batchFigures(sim, sim.batches)} [${session.syncLog.map((s) => s.kind).join(", ")}], ${(t1 - t0).toFixed(0)} ms in-process`);
  await session.check();
  lines.push(`  re-check:    ${batchFigures(sim, sim.batches)}`);
  if (edit) {
    const timers: { fn: (() => void) | null } = { fn: null };
    const live = sessionOn(sim, { setTimer: (fn) => (timers.fn = fn), clearTimer: () => (timers.fn = null) });
    await live.check();
    await live.startLive();
    sim.userEdit((m) => m.sheet(edit.sheet).setCell(edit.row, edit.col, 3));
    await sim.fire(edit.sheet, "onChanged", { address: `${String.fromCharCode(64 + edit.col)}${edit.row}` });
    const e0 = performance.now();
    await live.flush();
    const e1 = performance.now();
    lines.push(`  edit batch:  ${batchFigures(sim, sim.batches)}, ${(e1 - e0).toFixed(1)} ms in-process`);
    await live.stopLive();
  }
  console.log(lines.join("\n"));
  sim.dispose();
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

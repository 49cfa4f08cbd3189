/**
 * The adapter's production code (src/office) on Microsoft's Excel client library
 * (@microsoft/office-js in a vm context, test/support/office-runtime.ts), its requests
 * answered by the simulator (test/support/excel-simulator.ts) over real fixtures. Round
 * trips and payload sizes are counted from the library's own ProcessQuery requests.
 *
 * The npm library (1.1.110) has no Worksheet.notes (ExcelApi 1.18 is in the CDN build);
 * test/support/notes-api.ts adds the note classes to it, written as the library writes its
 * comment classes. workbook-session.test.ts runs its whole suite on this runtime as well.
 */
import { loadWorkbook } from "../support/fixtures";
import { SimulatedExcelHost, sessionOn, simulatorFor, simulatorOf } from "../support/simulated-host";
import { officeRuntime } from "../support/office-runtime";
import { ExcelSimulator, MERGED_AREAS_LIMIT, PAYLOAD_LIMIT } from "../support/excel-simulator";
import { FakeWorkbookModel } from "../support/fake-excel";
import { readSheets } from "../../src/office/read-sheets";
import { CALC_INTERVAL_MS, WorkbookSession, detectCapabilities } from "../../src/office/workbook-session";
import { BINDINGS_NAMESPACE } from "../../src/office/bindings";
import { NOTES_PER_SHEET, findingsSheetTitle, parseMarkerFormula } from "../../src/engine/flag-style";
import { checkWorkbook } from "../../src/engine/report";
import { SheetBuilder, eachCell, type SheetSnapshot, type WorkbookSnapshot } from "../../src/engine/snapshot";

const PENGUKURAN = "pengukuran-bkpsdm-2024.xlsx";
const RENJA = "evaluasi-renja-kesbangpol-2025.xlsx";
const SEED_002 = "seed-002-iki-kesbangpol-kukar-2025.xlsx";

function manualTimers() {
  let pending: { fn: () => void; ms: number } | null = null;
  let clock = 1_000_000;
  return {
    setTimer: (fn: () => void, ms: number) => {
      pending = { fn, ms };
      return pending;
    },
    clearTimer: () => {
      pending = null;
    },
    fire: () => {
      const p = pending;
      pending = null;
      if (p) clock += p.ms;
      p?.fn();
    },
    delay: () => pending?.ms ?? null,
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

async function liveOn(sim: ExcelSimulator) {
  const timers = manualTimers();
  const session = sessionOn(sim, { setTimer: timers.setTimer, clearTimer: timers.clearTimer, now: timers.now });
  await session.check();
  await session.startLive();
  return { timers, session };
}

/** A copy of a sheet snapshot with structure added, as a file with those parts would read. */
function withStructure(s: SheetSnapshot, extra: Partial<Pick<SheetSnapshot, "hiddenRows" | "hiddenCols" | "tables" | "notes">>): SheetSnapshot {
  const b = new SheetBuilder(s.name);
  for (const { row, col, cell } of eachCell(s)) b.set(row, col, cell.value, cell.formula, cell.numberFormat);
  b.merges = s.merges.map((m) => ({ ...m }));
  b.hiddenRows = [...(extra.hiddenRows ?? s.hiddenRows)];
  b.hiddenCols = [...(extra.hiddenCols ?? s.hiddenCols)];
  b.tables = [...(extra.tables ?? s.tables)];
  b.notes = [...(extra.notes ?? s.notes)];
  return b.build();
}

describe("the library's own rules, pinned", () => {
  it("a property read before load() and sync() throws the library's PropertyNotLoaded", async () => {
    const sim = await simulatorFor(PENGUKURAN);
    await sim.run({}, async (context) => {
      const range = context.workbook.worksheets.getItem("Pengukuran TW").getRange("A1:B2").load("values");
      await context.sync();
      expect(range.values).toHaveLength(2);
      expect(() => range.formulas).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("what the simulator does not implement fails with the runtime's own error, never a default", async () => {
    const sim = await simulatorFor(PENGUKURAN);
    const error = await sim
      .run({}, async (context) => {
        context.workbook.worksheets.getItem("Pengukuran TW").getRange("A1").format.load("columnWidth");
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(officeRuntime().OfficeExtension.Error);
    expect(error).toMatchObject({ code: "NotImplemented" });
  });

  it(`getMergedAreasOrNullObject fails above ${MERGED_AREAS_LIMIT} merged areas (its remark in @types/office-js)`, async () => {
    const b = new SheetBuilder("Merged");
    for (let i = 0; i < 300; i++) b.merges.push({ top: 1, left: 2 * i + 1, bottom: 1, right: 2 * i + 2 }, { top: 2, left: 2 * i + 1, bottom: 2, right: 2 * i + 2 });
    b.set(3, 1, "No");
    const sim = simulatorOf({ sheets: [b.build()] });
    const failed = await sim
      .run({}, async (context) => {
        context.workbook.worksheets.getItem("Merged").getRange().getMergedAreasOrNullObject().load("address");
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(officeRuntime().OfficeExtension.Error);
    // The adapter reads merges in bands and narrows a band that fails: all 600 are read.
    const session = sessionOn(sim);
    await session.check();
    expect(session.snapshot().sheets[0].merges).toHaveLength(600);
    expect(new Set(session.snapshot().sheets[0].merges.map((m) => `${m.top}:${m.left}`)).size).toBe(600);
  });

  it("Excel on the web's 5 MB: a larger response is refused, and the read retries with half the budget", async () => {
    const expected = await loadWorkbook(SEED_002);
    const sim = simulatorOf(expected, { payloadLimit: 60_000 });
    const result = await sim.run({}, (context) => readSheets(context, expected.sheets.map((s) => ({ name: s.name }))));
    expect(sim.requests.some((r) => r.error === "ResponsePayloadSizeLimitExceeded")).toBe(true);
    expect(result.retries.payload).toBeGreaterThan(0);
    expect(result.sheets.map((s) => s.snapshot)).toEqual(expected.sheets);
    expect(Math.max(...sim.requests.filter((r) => !r.error).map((r) => r.responseBytes))).toBeLessThanOrEqual(60_000);
    expect(PAYLOAD_LIMIT).toBe(5 * 1024 * 1024);
  });

  it("a request above 5 MB is refused with RequestPayloadSizeLimitExceeded, and changes nothing", async () => {
    const sim = await simulatorFor(PENGUKURAN);
    const before = JSON.stringify([...sim.model.sheet("Pengukuran TW").cells]);
    const big = Array.from({ length: 3000 }, () => Array.from({ length: 10 }, () => "x".repeat(200)));
    const error = await sim
      .run({}, async (context) => {
        context.workbook.worksheets.getItem("Pengukuran TW").getRange("A100:J3099").values = big;
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(JSON.stringify([...sim.model.sheet("Pengukuran TW").cells])).toBe(before);
  });
});

describe("snapshot through the runtime", () => {
  it.each([PENGUKURAN, RENJA, SEED_002])("%s: equals the .xlsx reader's snapshot", async (file) => {
    const expected = await loadWorkbook(file);
    const session = sessionOn(await simulatorFor(file));
    await session.check();
    expect(session.snapshot()).toEqual(expected);
  });

  it("hidden rows and columns, Excel Tables, notes and threaded comments are read as the snapshot type describes them", async () => {
    const base = await loadWorkbook(PENGUKURAN);
    const sheet = base.sheets.find((s) => s.name === "Pengukuran TW")!;
    const expected: WorkbookSnapshot = {
      sheets: base.sheets.map((s) =>
        s === sheet
          ? withStructure(s, {
              hiddenRows: [{ from: 8, to: 9 }],
              hiddenCols: [{ from: 4, to: 4 }],
              tables: [{ name: "TabelTW", area: { top: 4, left: 1, bottom: 18, right: 10 }, headerRows: 1, totalsRows: 0, autoFilter: true }],
              notes: [
                { row: 2, col: 2, kind: "note", text: "Data dari Bidang PKA, dicek 3 Okt." },
                { row: 20, col: 3, kind: "threaded", text: "Mohon dicek ulang angka TW III" },
              ],
            })
          : s,
      ),
    };
    const sim = simulatorOf(expected);
    const session = sessionOn(sim);
    await session.check();
    expect(session.snapshot()).toEqual(expected);
    // The tables' ranges and the notes' locations took the named extra syncs of the read.
    expect(sim.requestsOf(1).length).toBe(5); // names, read, tables, notes, write
  });
});

describe("round trips counted from the runtime's requests", () => {
  it("a check is one read and one write (the first reads the names first); a re-check with nothing new: one read and the notes' locations", async () => {
    const sim = await simulatorFor(PENGUKURAN);
    const session = sessionOn(sim);
    await session.check();
    expect(session.syncLog.map((s) => s.kind)).toEqual(["names", "read", "write"]);
    expect(sim.requestsOf(1).map((r) => r.wrote)).toEqual([false, false, true]);
    // Named exception: where a note is, Office says only through Note.getLocation().
    await session.check();
    expect(session.syncLog.slice(3).map((s) => s.kind)).toEqual(["read", "notes"]);
    expect(sim.requestsOf(2).map((r) => r.wrote)).toEqual([false, false]);
    // Excel.run's own cleanup request ends each batch that was handed ranges.
    expect(sim.requests.filter((r) => r.cleanup).map((r) => r.batch)).toEqual([1, 2]);
    for (const r of sim.requests) expect(r.responseBytes).toBeLessThan(PAYLOAD_LIMIT);
  });

  it("a workbook that already holds exactly the add-in's flags (saved, reopened) gets zero format and zero note writes", async () => {
    const sim = await simulatorFor(PENGUKURAN);
    await sessionOn(sim).check();
    const saved = new FakeWorkbookModel();
    saved.sheets = sim.model.sheets.map((s) => s.clone());
    saved.customXmlParts = sim.model.customXmlParts.map((p) => ({ ...p }));
    const reopened = simulatorOf(saved);
    const session = sessionOn(reopened);
    await session.check();
    expect(reopened.requests.filter((r) => r.wrote)).toEqual([]);
    expect([reopened.formatWrites, reopened.noteWrites, reopened.partWrites]).toEqual([0, 0, 0]);
    expect(session.syncLog.map((s) => s.kind)).toEqual(["names", "read", "notes"]);
    // The pengukuran fixture's 10 flagged cells (issue #14: N14 is not judged without its unreadable TW II).
    expect(saved.sheets.flatMap((s) => [...s.notes.keys()]).length).toBe(10);
  });
});

describe("live edits on the runtime (events through the library's event path)", () => {
  it("typing a realisation: one read and one write request, the write one undo record, with delayForCellEdit", async () => {
    const sim = await simulatorFor(PENGUKURAN);
    const { timers, session } = await liveOn(sim);
    expect(sim.registered("Rencana Aksi 2024", "onChanged")).toBe(true);
    const batches = sim.batches;
    const undo = sim.undoStack.length;
    sim.userEdit((m) => m.sheet("Rencana Aksi 2024").setCell(14, 11, 3));
    expect(await sim.fire("Rencana Aksi 2024", "onChanged", { address: "K14" })).toBe(true);
    timers.fire();
    await session.flush();
    const edit = sim.requestsOf(batches + 1);
    expect(edit.map((r) => r.wrote)).toEqual([false, true]);
    expect(edit.every((r) => (r.flags & 64) === 64)).toBe(true); // delayForCellEdit reached the host
    expect(sim.undoStack.length).toBe(undo + 2); // the typing, then the flags: one step each
    expect(session.state().report.findings.some((f) => f.cell === "K14")).toBe(false);
    const fresh = sessionOn(simulatorOf(sim.model));
    expect((await fresh.check()).report.findings).toEqual(session.state().report.findings);
  });

  it("after the user's own undo the flags follow the re-check of what the undo restored", async () => {
    const original = await loadWorkbook(PENGUKURAN);
    const sim = simulatorOf(original);
    const { timers, session } = await liveOn(sim);
    const flagsAfterCheck = JSON.stringify(sim.model.sheets.map((s) => s.conditionalFormats.map((cf) => [cf.formula, cf.areas])));
    sim.userEdit((m) => m.sheet("Rencana Aksi 2024").setCell(14, 11, 3));
    await sim.fire("Rencana Aksi 2024", "onChanged", { address: "K14" });
    timers.fire();
    await session.flush();
    // Ctrl+Z twice: the flags' write, then the typing; Excel raises onChanged for the cell.
    sim.undo();
    sim.undo();
    await sim.fire("Rencana Aksi 2024", "onChanged", { address: "K14", triggerSource: "Unknown" });
    timers.fire();
    await session.flush();
    expect(JSON.stringify(sim.model.sheets.map((s) => s.conditionalFormats.map((cf) => [cf.formula, cf.areas])))).toBe(flagsAfterCheck);
    expect(session.state().report.findings).toEqual(checkWorkbook(original).findings);
  });

  it("a co-author's (Remote) edit is evaluated but never written by this pane", async () => {
    const sim = await simulatorFor(PENGUKURAN);
    const { timers, session } = await liveOn(sim);
    const batches = sim.batches;
    sim.model.sheet("Rencana Aksi 2024").setCell(14, 11, 3);
    await sim.fire("Rencana Aksi 2024", "onChanged", { address: "K14" }, true);
    timers.fire();
    await session.flush();
    expect(sim.requestsOf(batches + 1).map((r) => r.wrote)).toEqual([false]);
    expect(session.state().report.findings.some((f) => f.cell === "K14")).toBe(false);
  });

  it("a row inserted above a table with overrides: no custom-XML write, the override follows its indicator", async () => {
    const sim = await simulatorFor(PENGUKURAN);
    const { timers, session } = await liveOn(sim);
    await session.setOverride("Pengukuran TW", 6, { polarity: "negative" });
    const writes = sim.partWrites;
    const part = sim.model.customXmlParts.find((p) => p.namespaceUri === BINDINGS_NAMESPACE)!.xml;
    sim.userEdit((m) => m.sheet("Pengukuran TW").insertRow(2));
    await sim.fire("Pengukuran TW", "onChanged", { address: "2:2", changeType: "RowInserted" });
    timers.fire();
    await session.flush();
    expect(sim.partWrites).toBe(writes);
    expect(sim.model.customXmlParts.find((p) => p.namespaceUri === BINDINGS_NAMESPACE)!.xml).toBe(part);
    const state = session.state();
    expect(state.overrides).toEqual({ "Pengukuran TW!7": { polarity: "negative" } });
    const row7 = state.report.sheets.find((s) => s.name === "Pengukuran TW")!.tables[0].indicators.find((i) => i.row === 7)!;
    expect(row7.measurement.polarity).toBe("negative");
  });

  it("onCalculated: ignored outside tables; inside, one batch per interval, and no write when nothing changed", async () => {
    const sim = await simulatorFor(PENGUKURAN);
    const { timers, session } = await liveOn(sim);
    const batches = sim.batches;
    await sim.fire("Pengukuran TW", "onCalculated", { address: "Z100" });
    expect(timers.delay()).toBeNull();
    for (let i = 0; i < 3; i++) await sim.fire("Pengukuran TW", "onCalculated", { address: "G6" });
    timers.fire();
    await session.flush();
    expect(sim.batches).toBe(batches + 1);
    expect(sim.requestsOf(batches + 1).map((r) => r.wrote)).toEqual([false]); // a volatile recalculation: same values, no write
    await sim.fire("Pengukuran TW", "onCalculated", { address: "G6" });
    expect(timers.delay()).toBeGreaterThanOrEqual(CALC_INTERVAL_MS);
  });
});

describe("Hapus tanda on the runtime", () => {
  it("removes the flags and an annotated copy's findings sheet, nothing else of the user's", async () => {
    const sim = await simulatorFor(PENGUKURAN);
    await sessionOn(sim).check();
    // The workbook saved as a CLI copy would be: our flags plus the findings sheet.
    const findings = new SheetBuilder("Temuan IKI").set(1, 1, findingsSheetTitle("id")).set(2, 1, "Lembar").build();
    const other = new SheetBuilder("Catatan").set(1, 1, "IKI Checker — bukan judulnya").build();
    sim.model.addSheet(findings);
    sim.model.addSheet(other);
    const user = JSON.stringify(sim.model.sheets.filter((s) => s.name !== "Temuan IKI").map((s) => [s.name, [...s.cells], s.conditionalFormats.filter((cf) => !parseMarkerFormula(cf.formula))]));
    const session = sessionOn(sim);
    const removed = await session.clearFlags();
    expect(removed).toBeGreaterThan(1);
    expect(sim.model.sheets.map((s) => s.name)).not.toContain("Temuan IKI");
    expect(sim.model.sheets.flatMap((s) => s.conditionalFormats).filter((cf) => parseMarkerFormula(cf.formula))).toEqual([]);
    expect(JSON.stringify(sim.model.sheets.map((s) => [s.name, [...s.cells], s.conditionalFormats]))).toBe(user);
  });
});

describe("notes on the runtime", () => {
  it("notes are sized to their text where Note.width/height exist, and left alone on the web", async () => {
    const desktop = await simulatorFor(PENGUKURAN);
    await sessionOn(desktop).check();
    const k14 = desktop.model.sheet("Rencana Aksi 2024").notes.get("K14")!;
    const lines = k14.content.split("\n");
    expect(k14.width).toBeGreaterThan(144);
    expect(k14.height).toBeGreaterThanOrEqual(lines.length * 14);
    const web = await simulatorFor(PENGUKURAN, { platform: "OfficeOnline" });
    await sessionOn(web).check();
    const note = web.model.sheet("Rencana Aksi 2024").notes.get("K14")!;
    expect(note.content).toBe(k14.content);
    expect([note.width, note.height]).toEqual([undefined, undefined]);
  });

  it(`past ${NOTES_PER_SHEET} notes a sheet's flagged cells get colour only; the pane is told which`, async () => {
    const base = (await loadWorkbook(PENGUKURAN)).sheets.find((s) => s.name === "Pengukuran TW")!;
    const b = new SheetBuilder(base.name);
    b.merges = base.merges.filter((m) => m.bottom < 5).map((m) => ({ ...m }));
    const body = [...eachCell(base)].filter((c) => c.row >= 5 && c.row <= 18);
    for (const { row, col, cell } of eachCell(base)) if (row < 5) b.set(row, col, cell.value, cell.formula, cell.numberFormat);
    for (let i = 0; i < 90; i++) {
      for (const { row, col, cell } of body) {
        const r = 5 + i * 14 + (row - 5);
        b.set(r, col, col === 1 && typeof cell.value === "number" ? i * 14 + (row - 4) : cell.value, null, cell.numberFormat);
      }
    }
    const sim = simulatorOf({ sheets: [b.build()] });
    const state = await sessionOn(sim).check();
    const flagged = new Set(state.report.findings.map((f) => f.cell));
    expect(flagged.size).toBeGreaterThan(NOTES_PER_SHEET);
    expect(sim.model.sheets[0].notes.size).toBe(NOTES_PER_SHEET);
    expect(state.beyondNoteCap).toHaveLength(flagged.size - NOTES_PER_SHEET);
    expect(state.notices.some((n) => n.id === "notes-capped")).toBe(true);
    // Every flagged cell keeps its colour, notes or not.
    const coloured = new Set(sim.model.sheets[0].conditionalFormats.filter((cf) => parseMarkerFormula(cf.formula)).flatMap((cf) => cf.areas.map((a) => `${a.top}:${a.left}`)));
    expect(coloured.size).toBe(flagged.size);
  });
});

describe("conditional-format ids are priorities, not identities", () => {
  it("a format added by the user between a batch's read and write: the write's answer shows it, the flags are checked again", async () => {
    const sim = await simulatorFor(PENGUKURAN);
    const { timers, session } = await liveOn(sim);
    const sheet = sim.model.sheet("Rencana Aksi 2024");
    sheet.setCell(14, 11, 3); // K14's error goes: its format group is rewritten by the next check
    let added = false;
    sim.beforeRequest = (actions) => {
      if (added || !actions.some((a) => a.ActionType === 4)) return; // the write request
      added = true;
      // The user adds a rule in Excel's UI: it takes the top priority, every id moves by one.
      sheet.conditionalFormats.unshift({ id: "{user}", type: "CellValue", areas: [{ top: 1, left: 26, bottom: 20, right: 26 }], formula: null, fill: "#00FF00", font: null });
    };
    const state = await session.check();
    sim.beforeRequest = null;
    expect(added).toBe(true);
    expect(state.notices).toContainEqual({ id: "formats-changed", detail: "Rencana Aksi 2024" });
    // The live batch it scheduled reads the sheet again and puts our flags right.
    timers.fire();
    await session.flush();
    const ours = (m: FakeWorkbookModel) => m.sheets.map((s) => s.conditionalFormats.filter((cf) => parseMarkerFormula(cf.formula)).map((cf) => [cf.formula, cf.areas]));
    const fresh = simulatorOf(await loadWorkbook(PENGUKURAN));
    fresh.model.sheet("Rencana Aksi 2024").setCell(14, 11, 3);
    await sessionOn(fresh).check();
    expect(ours(sim.model)).toEqual(ours(fresh.model));
    // Here the shifted id named one of ours (deleted by mistake, put back by the re-check) and
    // the user's rule survived; Office.js gives formats no identity, so in general a shifted
    // id can name any format: the notice asks the user to look (README, "Flags").
    expect(sheet.conditionalFormats.filter((cf) => !parseMarkerFormula(cf.formula)).map((cf) => cf.id)).toEqual(["{user}"]);
  });
});

describe("Excel.run's options", () => {
  it("every batch asks delayForCellEdit, and mergeUndoGroup where the host has ExcelApi 1.20", async () => {
    for (const excelApi of [1.18, 1.2]) {
      const host = new SimulatedExcelHost(ExcelSimulator.fromSnapshot(await loadWorkbook(PENGUKURAN), officeRuntime(), { excelApi }));
      const session = new WorkbookSession(host.run, detectCapabilities(host.sim.isSetSupported, host.sim.platform), { runIn: host.runIn, live: true });
      await session.check();
      await session.clearFlags();
      await session.select({ sheet: "Pengukuran TW", cell: "C6" });
      expect(host.batches.length).toBeGreaterThanOrEqual(4); // check, live handlers, clear, select
      for (const b of host.batches) expect(b.options).toEqual(excelApi >= 1.2 ? { delayForCellEdit: true, mergeUndoGroup: true } : { delayForCellEdit: true });
      // The library sent delayForCellEdit to the host as its request flag.
      expect(host.sim.requests.filter((r) => !r.cleanup).every((r) => (r.flags & 64) === 64)).toBe(true);
    }
  });
});

describe("a byte budget for reads", () => {
  it("a sheet of long texts: the chunks are sized by the bytes the first sync measured, the next check asks no retry", async () => {
    const b = new SheetBuilder("Uraian");
    const text = (r: number, c: number) => `Uraian kegiatan ${r}.${c}: ${"pelaksanaan program peningkatan kapasitas aparatur ".repeat(8)}`;
    for (let r = 1; r <= 1500; r++) for (let c = 1; c <= 20; c++) b.set(r, c, text(r, c));
    const expected: WorkbookSnapshot = { sheets: [b.build()] };
    const sim = simulatorOf(expected);
    const session = sessionOn(sim);
    await session.check();
    expect(session.snapshot()).toEqual(expected);
    const first = sim.requestsOf(1);
    // The first read's window did not fit 5 MB: one named retry with half the budget, and then
    // every chunk within the limit, sized by bytes (far fewer cells than 50,000 per sync).
    expect(first.filter((r) => r.error === "ResponsePayloadSizeLimitExceeded").length).toBeGreaterThan(0);
    expect(first.filter((r) => !r.error).every((r) => r.responseBytes <= 5 * 1024 * 1024)).toBe(true);
    // The session keeps what it measured: the re-check reads without a refused request.
    await session.check();
    expect(sim.requestsOf(2).filter((r) => r.error)).toEqual([]);
    expect(Math.max(...sim.requestsOf(2).map((r) => r.responseBytes))).toBeLessThanOrEqual(3 * 1024 * 1024);
  });
});

/**
 * The Office adapter built from the committed .xlsx fixtures — snapshots, round trips,
 * decorations, bindings and live re-evaluation — twice: over the typed fake of Excel's
 * object model (test/support/fake-excel.ts), and over Microsoft's Excel client library
 * (@microsoft/office-js) answered by the simulator (test/support/excel-simulator.ts), whose
 * workbook state is the same fake model. Sync counts on the runtime are its requests.
 */
import { loadWorkbook } from "../support/fixtures";

const PENGUKURAN_FILE = "pengukuran-bkpsdm-2024.xlsx";
const RENJA_FILE = "evaluasi-renja-kesbangpol-2025.xlsx";
const SEED_002 = "seed-002-iki-kesbangpol-kukar-2025.xlsx";
import { FakeExcelHost, FakeWorkbookModel } from "../support/fake-excel";
import { ExcelSimulator } from "../support/excel-simulator";
import { officeRuntime } from "../support/office-runtime";
import { SimulatedExcelHost } from "../support/simulated-host";
import { WorkbookSession, type Capabilities } from "../../src/office/workbook-session";
import { readSheets } from "../../src/office/read-sheets";
import { parseMarkerFormula, parseNoteCell } from "../../src/engine/flag-style";
import { BINDINGS_NAMESPACE } from "../../src/office/bindings";
import { checkWorkbook } from "../../src/engine/report";
import { eachCell, valueAt, type SheetSnapshot } from "../../src/engine/snapshot";

const ALL: Capabilities = { notes: true, triggerSource: true };

type Host = FakeExcelHost | SimulatedExcelHost;
const HOSTS = ["fake", "runtime"] as const;
let current: (typeof HOSTS)[number] = "fake";

async function hostFor(file: string): Promise<Host> {
  const model = FakeWorkbookModel.fromSnapshot(await loadWorkbook(file));
  return current === "fake" ? new FakeExcelHost(model) : new SimulatedExcelHost(new ExcelSimulator(model, officeRuntime()));
}

function handlerCount(host: Host, sheet: string, event: "onChanged" | "onCalculated"): number {
  return host instanceof FakeExcelHost ? host.model.sheet(sheet).handlers[event].size : host.handlerCount(sheet, event);
}

function manualTimers(): { setTimer: (fn: () => void, ms: number) => unknown; clearTimer: (h: unknown) => void; fire: () => void; count: () => number } {
  let pending: (() => void) | null = null;
  let scheduled = 0;
  return {
    setTimer: (fn) => {
      pending = fn;
      scheduled++;
      return scheduled;
    },
    clearTimer: () => {
      pending = null;
    },
    fire: () => {
      const fn = pending;
      pending = null;
      fn?.();
    },
    count: () => scheduled,
  };
}

/** A checked session with live handlers on, its debounce driven by hand. */
async function liveSession(file: string) {
  const host = await hostFor(file);
  const timers = manualTimers();
  const session = new WorkbookSession(host.run, ALL, { setTimer: timers.setTimer, clearTimer: timers.clearTimer });
  await session.check();
  await session.startLive();
  return { host, timers, session };
}

for (const kind of HOSTS) {
describe(`over the ${kind === "fake" ? "typed fake" : "Excel client library and the simulator"}`, () => {
beforeAll(() => {
  current = kind;
});

describe("snapshot read through the adapter", () => {
  it.each([PENGUKURAN_FILE, RENJA_FILE, SEED_002])("%s: equals the .xlsx reader's snapshot, sheet for sheet", async (file) => {
    const expected = await loadWorkbook(file);
    const host = await hostFor(file);
    const session = new WorkbookSession(host.run, ALL);
    await session.check();
    expect(session.snapshot()).toEqual(expected);
  });

  it("a large sheet read in row chunks under a cell budget gives the same snapshot", async () => {
    const expected = await loadWorkbook(SEED_002);
    const host = await hostFor(SEED_002);
    const names = expected.sheets.map((s) => s.name);
    const result = await host.run({}, (ctx) => readSheets(ctx, names.map((name) => ({ name })), undefined, 400));
    expect(result.syncs).toBeGreaterThan(3);
    expect(result.sheets.map((s) => s.snapshot)).toEqual(expected.sheets);
    // Every sync after the first stayed within the budget (a chunk is at most 400 cells).
    expect(result.sheets.some((s) => s.syncs > 1)).toBe(true);
  });

  it("error cells, formulas and number formats survive the Office value shapes", async () => {
    const expected = await loadWorkbook(PENGUKURAN_FILE);
    const host = await hostFor(PENGUKURAN_FILE);
    const session = new WorkbookSession(host.run, ALL);
    await session.check();
    const formulasOf = (sheets: readonly SheetSnapshot[]) => sheets.flatMap((s) => [...eachCell(s)].map((c) => c.cell.formula).filter((f) => f !== null));
    const formulas = formulasOf(session.snapshot().sheets);
    expect(formulas.length).toBeGreaterThan(0);
    expect(formulas.length).toBe(formulasOf(expected.sheets).length);
  });
});

describe("round trips", () => {
  it("first check: names, one read, one write; a re-check with nothing new: one read and the notes' locations, no write", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const session = new WorkbookSession(host.run, ALL);
    await session.check();
    expect(session.syncLog.map((s) => s.kind)).toEqual(["names", "read", "write"]);
    expect(host.batches[0].syncs).toBe(3);
    await session.check();
    expect(host.batches[1].syncs).toBe(2);
    expect(session.syncLog.slice(3).map((s) => s.kind)).toEqual(["read", "notes"]);
  });

  it("without the notes API: no probe, colours only, and the pane is told once", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const session = new WorkbookSession(host.run, { ...ALL, notes: false });
    const state = await session.check();
    expect(host.batches[0].syncs).toBe(3); // names, read, write
    expect(state.notices.filter((n) => n.id === "notes-unsupported")).toHaveLength(1);
    expect(host.model.sheets.every((s) => s.notes.size === 0)).toBe(true);
    expect(host.model.sheets.some((s) => s.conditionalFormats.length > 0)).toBe(true);
  });
});

describe("decorations", () => {
  it("every flagged cell gets a marked format of its worst severity and a note with its messages", async () => {
    const snapshot = await loadWorkbook(PENGUKURAN_FILE);
    const host = await hostFor(PENGUKURAN_FILE);
    const state = await new WorkbookSession(host.run, ALL).check();
    const expected = checkWorkbook(snapshot).findings;
    expect(state.report.findings).toEqual(expected);
    for (const sheet of host.model.sheets) {
      const flagged = new Set(expected.filter((f) => f.sheet === sheet.name).map((f) => f.cell));
      expect(new Set(sheet.notes.keys())).toEqual(flagged);
      const covered = sheet.conditionalFormats.flatMap((cf) => {
        const marker = parseMarkerFormula(cf.formula);
        expect(marker).not.toBeNull();
        return cf.areas.map((a) => ({ severity: marker!.severity, cell: `${String.fromCharCode(64 + a.left)}${a.top}` }));
      });
      expect(new Set(covered.map((c) => c.cell))).toEqual(flagged);
      for (const c of covered) {
        const severities = expected.filter((f) => f.sheet === sheet.name && f.cell === c.cell).map((f) => f.severity);
        const worst = severities.includes("error") ? "error" : severities.includes("warning") ? "warning" : "info";
        expect(c.severity).toBe(worst);
      }
    }
    const k14 = host.model.sheet("Rencana Aksi 2024").notes.get("K14")!;
    expect(parseNoteCell(k14.content)).toBe("K14");
    expect(k14.content).toContain("realisasi-not-numeric");
  });

  it("a user's note, fill, value and own conditional format survive a check and a clear, byte for byte", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const sheet = host.model.sheet("Rencana Aksi 2024");
    // K14 is flagged (realisasi-not-numeric): the user has a note and a fill there.
    sheet.notes.set("K14", { content: "Data dari Bidang PKA, dicek 3 Okt.\nBelum final.", authorName: "Rina" });
    sheet.cell(14, 11)!.fill = "#FFFF00";
    sheet.conditionalFormats.push({ id: "{user-cf}", type: "CellValue", areas: [{ top: 10, left: 14, bottom: 18, right: 14 }], formula: null, fill: "#00FF00", font: null });
    const before = JSON.stringify({ note: sheet.notes.get("K14"), cell: sheet.cell(14, 11), cf: sheet.conditionalFormats });

    const session = new WorkbookSession(host.run, ALL);
    const state = await session.check();
    expect(sheet.notes.get("K14")!.content).toBe("Data dari Bidang PKA, dicek 3 Okt.\nBelum final.");
    expect(state.notices).toContainEqual({ id: "user-note-kept", detail: "Rencana Aksi 2024!K14" });
    expect(sheet.conditionalFormats.filter((cf) => parseMarkerFormula(cf.formula)).length).toBeGreaterThan(0);
    expect(sheet.notes.size).toBeGreaterThan(1);

    const removed = await session.clearFlags();
    expect(removed).toBeGreaterThan(0);
    expect(JSON.stringify({ note: sheet.notes.get("K14"), cell: sheet.cell(14, 11), cf: sheet.conditionalFormats })).toBe(before);
    expect(host.model.sheets.flatMap((s) => [...s.notes.values()]).filter((n) => parseNoteCell(n.content))).toEqual([]);
    expect(host.model.sheets.flatMap((s) => s.conditionalFormats).filter((cf) => parseMarkerFormula(cf.formula))).toEqual([]);
    // The clear: names, formats and counts, the notes' locations, one write.
    expect(session.syncLog.filter((s) => s.batch === "clear").map((s) => s.kind)).toEqual(["names", "read", "notes", "write"]);
  });

  it("a second session (the workbook reopened) finds the flags by their markers and keeps them", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    await new WorkbookSession(host.run, ALL).check();
    const notes = JSON.stringify(host.model.sheets.map((s) => [...s.notes]));
    const formats = JSON.stringify(host.model.sheets.map((s) => s.conditionalFormats));
    const again = new WorkbookSession(host.run, ALL);
    await again.check();
    // Names, read, the notes' locations; every flagged cell carries our note: nothing to write.
    expect(again.syncLog.map((s) => s.kind)).toEqual(["names", "read", "notes"]);
    expect(JSON.stringify(host.model.sheets.map((s) => [...s.notes]))).toBe(notes);
    expect(JSON.stringify(host.model.sheets.map((s) => s.conditionalFormats))).toBe(formats);
  });
});

describe("bindings in the workbook", () => {
  it("overrides and ignored findings round-trip through one namespaced part, read by a new session", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const session = new WorkbookSession(host.run, ALL);
    await session.check();
    const parts = () => host.model.customXmlParts.filter((p) => p.namespaceUri === BINDINGS_NAMESPACE);
    expect(parts()).toHaveLength(1); // the recognised tables
    const afterCheck = parts()[0].xml;

    await session.check();
    expect(parts()[0].xml).toBe(afterCheck); // a plain re-check never writes the part

    let state = await session.setOverride("Pengukuran TW", 6, { polarity: "negative" });
    expect(state.overrides["Pengukuran TW!6"]).toEqual({ polarity: "negative" });
    state = await session.setIgnored("duplicate-indicator@Pengukuran TW!C18", true);
    expect(state.report.findings.some((f) => f.rule === "duplicate-indicator" && f.cell === "C18")).toBe(false);
    expect(host.model.sheet("Pengukuran TW").notes.has("C18")).toBe(false);
    expect(parts()).toHaveLength(1);

    const reopened = new WorkbookSession(host.run, ALL);
    const again = await reopened.check();
    expect(again.overrides).toEqual({ "Pengukuran TW!6": { polarity: "negative" } });
    expect(again.ignored).toEqual(["duplicate-indicator@Pengukuran TW!C18"]);
    expect(again.report.findings.some((f) => f.rule === "duplicate-indicator")).toBe(false);
    const row6 = again.report.sheets.find((s) => s.name === "Pengukuran TW")!.tables[0].indicators.find((i) => i.row === 6)!;
    expect(row6.measurement.polarity).toBe("negative");

    // Taken back: the finding and its flag return.
    const back = await reopened.setIgnored("duplicate-indicator@Pengukuran TW!C18", false);
    expect(back.report.findings.some((f) => f.rule === "duplicate-indicator" && f.cell === "C18")).toBe(true);
    expect(host.model.sheet("Pengukuran TW").notes.has("C18")).toBe(true);
  });

  it("a malformed entry is reported and skipped; the valid ones still apply", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const name = checkWorkbook(await loadWorkbook(PENGUKURAN_FILE)).sheets.find((s) => s.name === "Pengukuran TW")!.tables[0].indicators.find((i) => i.row === 6)!.name;
    host.model.customXmlParts.push({
      id: "{old}",
      namespaceUri: BINDINGS_NAMESPACE,
      xml: [
        `<ikiChecker xmlns="${BINDINGS_NAMESPACE}" version="1">`,
        `<override sheet="Pengukuran TW" row="6" name="${name.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")}" polarity="negative"/>`,
        `<override sheet="Pengukuran TW" row="7" name="x" polarity="sideways"/>`,
        `<script>alert(1)</script>`,
        `</ikiChecker>`,
      ].join("\n"),
    });
    const state = await new WorkbookSession(host.run, ALL).check();
    const ignored = state.notices.filter((n) => n.id === "binding-entry-ignored").map((n) => n.detail);
    expect(ignored.some((d) => d?.includes('polarity="sideways"'))).toBe(true);
    expect(ignored.some((d) => d?.includes("<script>"))).toBe(true);
    expect(state.report.sheets.find((s) => s.name === "Pengukuran TW")!.tables[0].indicators.find((i) => i.row === 6)!.measurement.polarity).toBe("negative");
  });

  it("a damaged part is reported and ignored; a newer version is never overwritten", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    host.model.customXmlParts.push({ id: "{bad}", namespaceUri: BINDINGS_NAMESPACE, xml: "<ikiChecker xmlns='x'" });
    const state = await new WorkbookSession(host.run, ALL).check();
    expect(state.notices.some((n) => n.id === "bindings-damaged")).toBe(true);

    const newer = await hostFor(PENGUKURAN_FILE);
    const xml = `<ikiChecker xmlns="${BINDINGS_NAMESPACE}" version="7"><future/></ikiChecker>`;
    newer.model.customXmlParts.push({ id: "{new}", namespaceUri: BINDINGS_NAMESPACE, xml });
    const session = new WorkbookSession(newer.run, ALL);
    const s2 = await session.check();
    expect(s2.notices).toContainEqual({ id: "bindings-damaged", detail: "version 7 (newer)" });
    await session.setIgnored("duplicate-indicator@Pengukuran TW!C18", true);
    expect(newer.model.customXmlParts.find((p) => p.id === "{new}")!.xml).toBe(xml);
  });
});

describe("live re-evaluation", () => {
  it("the user types a realisation: one debounced batch, one read and one write, only that row re-flagged", async () => {
    const { host, timers, session } = await liveSession(PENGUKURAN_FILE);
    const sheet = host.model.sheet("Rencana Aksi 2024");
    expect(handlerCount(host, sheet.name, "onChanged")).toBe(1);
    const states: number[] = [];
    session.onStateChanged((s) => states.push(s.report.findings.length));
    const before = host.batches.length;

    // K14 held the text "tiga" (realisasi-not-numeric); the user types 3, then twice more.
    sheet.setCell(14, 11, 3);
    await host.fire(sheet.name, "onChanged", { address: "K14", triggerSource: "Unknown" });
    await host.fire(sheet.name, "onChanged", { address: "K14", triggerSource: "Unknown" });
    // The add-in's own write and another sheet's edit are ignored.
    await host.fire(sheet.name, "onChanged", { address: "Q30", triggerSource: "ThisLocalAddin" });
    expect(host.batches.length).toBe(before);
    timers.fire();
    await session.flush();

    expect(host.batches.length).toBe(before + 1);
    const edit = host.batches[before];
    expect(edit).toEqual({ syncs: 2, options: { delayForCellEdit: true } });
    expect(session.syncLog.filter((s) => s.batch === "edit").map((s) => s.kind)).toEqual(["read", "write"]);
    expect(sheet.notes.has("K14")).toBe(false);
    expect(session.state().report.findings.some((f) => f.cell === "K14")).toBe(false);
    expect(states).toHaveLength(1);
    // Same result as checking the edited workbook from scratch.
    const fresh = new WorkbookSession(host.run, ALL);
    expect((await fresh.check()).report.findings).toEqual(session.state().report.findings);

    await session.stopLive();
    expect(handlerCount(host, sheet.name, "onChanged")).toBe(0);
    expect(handlerCount(host, sheet.name, "onCalculated")).toBe(0);
  });

  it("a paste below the table (outside the used range) re-reads that sheet", async () => {
    const { host, timers, session } = await liveSession(PENGUKURAN_FILE);
    const sheet = host.model.sheet("Pengukuran TW");
    sheet.setCell(40, 3, "Catatan");
    await host.fire(sheet.name, "onChanged", { address: "C40" });
    timers.fire();
    await session.flush();
    expect(session.syncLog.filter((s) => s.batch === "edit").map((s) => s.kind).slice(0, 2)).toEqual(["read", "reread"]);
    const snap = session.snapshot().sheets.find((s) => s.name === sheet.name)!;
    expect(snap.bounds!.bottom).toBe(40);
  });
});

describe("the Capaian column the add-in owns", () => {
  it("fills native formulas right of the table, keeps the user's constants, refuses a column that is not ours", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const session = new WorkbookSession(host.run, ALL);
    const first = await session.check();
    const table = first.report.sheets.find((s) => s.name === "Pengukuran TW")!.tables[0];
    expect(table.dataRange).toBe("A5:J18");
    const expected = table.indicators.filter((i) => i.measurement.nativeFormula).map((i) => [i.row, i.measurement.nativeFormula]);
    expect(expected.length).toBeGreaterThan(5);

    const result = await session.fillCapaianColumn("Pengukuran TW", 0);
    expect(result.refused).toBeNull();
    expect(result.column).toBe(11);
    expect(result.written).toBe(expected.length);
    expect(session.syncLog.filter((s) => s.batch === "capaian").map((s) => s.kind)).toEqual(["read", "write"]);
    const sheet = host.model.sheet("Pengukuran TW");
    expect(sheet.cell(4, 11)!.value).toBe("Capaian s.d. periode terakhir (%) (IKI Checker)");
    for (const [row, formula] of expected) expect(sheet.cell(row as number, 11)!.formula).toBe(formula);
    // The original cells of the table are untouched.
    const snapshot = await loadWorkbook(PENGUKURAN_FILE);
    const original = snapshot.sheets.find((s) => s.name === "Pengukuran TW")!;
    const b = original.bounds!;
    for (let r = b.top; r <= b.bottom; r++) {
      for (let c = b.left; c <= b.right; c++) {
        if (c === 11) continue;
        expect(sheet.cell(r, c)?.value ?? null).toEqual(valueAt(original, r, c));
      }
    }

    // The user overrides one cell of our column by hand: a refill leaves it.
    const row = expected[1][0] as number;
    sheet.setCell(row, 11, 55);
    const again = await session.fillCapaianColumn("Pengukuran TW", 0);
    expect(again.skipped).toEqual([`K${row}`]);
    expect(sheet.cell(row, 11)!.value).toBe(55);
    expect(sheet.cell(row, 11)!.formula).toBeNull();

    // Column J is the sheet's own Capaian column: refused, nothing written.
    const before = JSON.stringify([...sheet.cells]);
    const refused = await session.fillCapaianColumn("Pengukuran TW", 0, 10);
    expect(refused.refused).toContain("J4"); // its header, "Capaian"
    expect(refused.written).toBe(0);
    expect(JSON.stringify([...sheet.cells])).toBe(before);
  });
});

describe("notes where Office says they are", () => {
  it("the user deletes one of the add-in's notes: the next check puts it back", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const session = new WorkbookSession(host.run, ALL);
    await session.check();
    const sheet = host.model.sheet("Pengukuran TW");
    const content = sheet.notes.get("E16")!.content;
    sheet.notes.delete("E16");
    await session.check();
    expect(session.syncLog.slice(3).map((s) => s.kind)).toEqual(["read", "notes", "write"]);
    expect(sheet.notes.get("E16")!.content).toBe(content);
  });

  it("the user replaced one of our notes with their own: kept, never deleted or overwritten", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const session = new WorkbookSession(host.run, ALL);
    await session.check();
    const sheet = host.model.sheet("Rencana Aksi 2024");
    sheet.notes.set("K14", { content: "Angka dari laporan bulanan, jangan diubah.", authorName: "Rina" });
    let state = await session.check(); // K14 still flagged
    expect(sheet.notes.get("K14")!.content).toBe("Angka dari laporan bulanan, jangan diubah.");
    expect(state.notices).toContainEqual({ id: "user-note-kept", detail: "Rencana Aksi 2024!K14" });
    sheet.setCell(14, 11, 3); // fixed: K14 no longer flagged
    state = await session.check();
    expect(state.report.findings.some((f) => f.sheet === sheet.name && f.cell === "K14")).toBe(false);
    expect(sheet.notes.get("K14")!.content).toBe("Angka dari laporan bulanan, jangan diubah.");
  });

  it("a row deleted above the flags moves every note: the user's stay untouched, ours follow their cells", async () => {
    const { host, timers, session } = await liveSession(PENGUKURAN_FILE);
    const sheet = host.model.sheet("Rencana Aksi 2024");
    sheet.notes.set("P13", { content: "Catatan pimpinan", authorName: "Kabid" });
    sheet.deleteRow(2);
    await host.fire(sheet.name, "onChanged", { address: "2:2", changeType: "RowDeleted", triggerSource: "Unknown" });
    timers.fire();
    await session.flush();
    expect(session.syncLog.filter((s) => s.batch === "edit").map((s) => s.kind)).toEqual(["read", "reread", "notes", "write"]);
    expect(sheet.notes.get("P12")).toEqual({ content: "Catatan pimpinan", authorName: "Kabid" });
    // Every flag is where the engine now finds it, each note naming its own cell.
    const flagged = session.state().report.findings.filter((f) => f.sheet === sheet.name).map((f) => f.cell);
    expect(flagged).toContain("K13");
    const ours = [...sheet.notes].filter(([, n]) => parseNoteCell(n.content)).map(([cell, n]) => [cell, parseNoteCell(n.content)]);
    expect(new Set(ours.map(([cell]) => cell))).toEqual(new Set(flagged));
    for (const [cell, named] of ours) expect(named).toBe(cell);
    // And a fresh check agrees: no flag to write; only the part, whose table ranges moved
    // (a live batch never writes it: writing a custom XML part clears Excel's undo stack).
    const part = () => host.model.customXmlParts.find((p) => p.namespaceUri === BINDINGS_NAMESPACE)!.xml;
    const before = part();
    const formats = JSON.stringify(host.model.sheets.map((s) => s.conditionalFormats));
    const again = new WorkbookSession(host.run, ALL);
    await again.check();
    expect(again.syncLog.map((s) => s.kind)).toEqual(["names", "read", "notes", "write"]);
    expect(part()).not.toBe(before);
    expect(JSON.stringify(host.model.sheets.map((s) => s.conditionalFormats))).toBe(formats);
  });

  it("a note moved by cut and paste (it still names its old cell) is removed where it is once its cell is no longer flagged", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const session = new WorkbookSession(host.run, ALL);
    await session.check();
    const sheet = host.model.sheet("Rencana Aksi 2024");
    const moved = sheet.notes.get("K14")!;
    sheet.notes.delete("K14");
    sheet.notes.set("Q30", moved);
    sheet.setCell(14, 11, 3);
    await session.check();
    expect(sheet.notes.has("Q30")).toBe(false);
    expect(sheet.notes.has("K14")).toBe(false);
  });

  it("a threaded comment on a flagged cell: colour only, the check does not fail", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    host.model.sheet("Rencana Aksi 2024").threadedComments.add("K14");
    const state = await new WorkbookSession(host.run, ALL).check();
    expect(host.model.sheet("Rencana Aksi 2024").notes.has("K14")).toBe(false);
    expect(state.notices).toContainEqual({ id: "user-note-kept", detail: "Rencana Aksi 2024!K14" });
    expect(host.model.sheet("Rencana Aksi 2024").conditionalFormats.some((cf) => cf.areas.some((a) => a.top === 14 && a.left === 11))).toBe(true);
  });

  it("an override stays in the workbook while its table is not recognised for a check", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const session = new WorkbookSession(host.run, ALL);
    await session.check();
    await session.setOverride("Pengukuran TW", 6, { polarity: "negative" });
    const sheet = host.model.sheet("Pengukuran TW");
    const header = sheet.cell(4, 3)!;
    sheet.setCell(4, 3, null); // the Indikator header typed away for a moment
    await session.check();
    sheet.setCell(4, 3, header.value, header.formula);
    const state = await session.check();
    expect(state.overrides).toEqual({ "Pengukuran TW!6": { polarity: "negative" } });
    const part = host.model.customXmlParts.find((p) => p.namespaceUri === BINDINGS_NAMESPACE)!;
    expect(part.xml).toContain('polarity="negative"');
  });

  it("two parts in our namespace (two runtimes raced): merged into the first, the other removed", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const xml = (ignored: string) => `<ikiChecker xmlns="${BINDINGS_NAMESPACE}" version="1"><ignored key="${ignored}"/></ikiChecker>`;
    host.model.customXmlParts.push({ id: "{a}", namespaceUri: BINDINGS_NAMESPACE, xml: xml("duplicate-indicator@Pengukuran TW!C18") });
    host.model.customXmlParts.push({ id: "{b}", namespaceUri: BINDINGS_NAMESPACE, xml: xml("realisasi-gap@Rencana Aksi 2024!L12") });
    const state = await new WorkbookSession(host.run, ALL).check();
    expect(state.ignored).toEqual(["duplicate-indicator@Pengukuran TW!C18", "realisasi-gap@Rencana Aksi 2024!L12"]);
    expect(host.model.customXmlParts.filter((p) => p.namespaceUri === BINDINGS_NAMESPACE).map((p) => p.id)).toEqual(["{a}"]);
    expect(host.model.customXmlParts.find((p) => p.id === "{a}")!.xml).toContain("realisasi-gap@Rencana Aksi 2024!L12");
  });
});

describe("live events with whole rows and columns", () => {
  it("a whole-column edit re-reads the sheet; selecting a whole row reports its first cell", async () => {
    const { host, timers, session } = await liveSession(PENGUKURAN_FILE);
    const seen: unknown[] = [];
    session.onSelectionChanged((r) => seen.push(r));
    await host.fire("Pengukuran TW", "onSelectionChanged", { address: "6:6" });
    await host.fire("Pengukuran TW", "onSelectionChanged", { address: "$D:$D" });
    expect(seen).toEqual([
      { sheet: "Pengukuran TW", cell: "A6" },
      { sheet: "Pengukuran TW", cell: "D1" },
    ]);
    await host.fire("Pengukuran TW", "onChanged", { address: "K:K", changeType: "RangeEdited", triggerSource: "Unknown" });
    timers.fire();
    await session.flush();
    expect(session.syncLog.filter((s) => s.batch === "edit").map((s) => s.kind).slice(0, 2)).toEqual(["read", "reread"]);
  });
});

describe("after the second review", () => {
  it("a renamed sheet keeps its overrides and ignored findings, and live edits go on", async () => {
    const { host, timers, session } = await liveSession(PENGUKURAN_FILE);
    await session.setOverride("Pengukuran TW", 6, { polarity: "negative" });
    await session.setIgnored("duplicate-indicator@Pengukuran TW!C18", true);
    const sheet = host.model.sheet("Pengukuran TW");
    sheet.name = "PK TW 2024";
    // A structural edit on the renamed sheet (a row deleted below the table).
    sheet.deleteRow(30);
    await host.fire(sheet.name, "onChanged", { address: "30:30", changeType: "RowDeleted", triggerSource: "Unknown" });
    timers.fire();
    await session.flush();
    let state = session.state();
    expect(state.overrides).toEqual({ "PK TW 2024!6": { polarity: "negative" } });
    expect(state.ignored).toEqual(["duplicate-indicator@PK TW 2024!C18"]);
    expect(state.report.findings.some((f) => f.rule === "duplicate-indicator")).toBe(false);
    // The live batch left the part alone (undo); the next check writes the new name.
    const part = host.model.customXmlParts.find((p) => p.namespaceUri === BINDINGS_NAMESPACE)!;
    expect(part.xml).toContain('sheet="Pengukuran TW"');
    state = await session.check();
    expect(state.overrides).toEqual({ "PK TW 2024!6": { polarity: "negative" } });
    expect(part.xml).toContain('sheet="PK TW 2024"');
    expect(part.xml).not.toContain("Pengukuran TW");
  });

  it("after Hapus tanda, a keystroke does not bring the flags back; Periksa ulang does", async () => {
    const { host, timers, session } = await liveSession(PENGUKURAN_FILE);
    await session.clearFlags();
    const sheet = host.model.sheet("Rencana Aksi 2024");
    sheet.setCell(11, 10, 50);
    await host.fire(sheet.name, "onChanged", { address: "J11", triggerSource: "Unknown" });
    timers.fire();
    await session.flush();
    expect(host.model.sheets.every((s) => s.notes.size === 0 && s.conditionalFormats.length === 0)).toBe(true);
    await session.check();
    expect(sheet.notes.size).toBeGreaterThan(0);
  });

  it("a threaded comment added after the check: the live batch reads the sheet again and gives that cell colour only", async () => {
    const { host, timers, session } = await liveSession(PENGUKURAN_FILE);
    const sheet = host.model.sheet("Rencana Aksi 2024");
    sheet.threadedComments.add("K13");
    sheet.setCell(13, 11, "dua"); // a new realisasi-not-numeric on K13
    await host.fire(sheet.name, "onChanged", { address: "K13", triggerSource: "Unknown" });
    timers.fire();
    await session.flush();
    const state = session.state();
    expect(state.report.findings.some((f) => f.cell === "K13" && f.rule === "realisasi-not-numeric")).toBe(true);
    expect(sheet.notes.has("K13")).toBe(false);
    expect(state.notices).toContainEqual({ id: "user-note-kept", detail: "Rencana Aksi 2024!K13" });
    expect(state.notices.some((n) => n.id === "live-failed")).toBe(false);
  });

  it("two parts from two runtimes are merged: neither runtime's override is lost", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const report = checkWorkbook(await loadWorkbook(PENGUKURAN_FILE));
    const rowName = (row: number) => report.sheets[2].tables[0].indicators.find((i) => i.row === row)!.name.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    const part = (row: number, pol: string) => `<ikiChecker xmlns="${BINDINGS_NAMESPACE}" version="1"><override sheet="Pengukuran TW" row="${row}" name="${rowName(row)}" polarity="${pol}"/></ikiChecker>`;
    host.model.customXmlParts.push({ id: "{pane}", namespaceUri: BINDINGS_NAMESPACE, xml: part(6, "negative") });
    host.model.customXmlParts.push({ id: "{ribbon}", namespaceUri: BINDINGS_NAMESPACE, xml: part(7, "negative") });
    const state = await new WorkbookSession(host.run, ALL).check();
    expect(state.overrides).toEqual({ "Pengukuran TW!6": { polarity: "negative" }, "Pengukuran TW!7": { polarity: "negative" } });
    const parts = host.model.customXmlParts.filter((p) => p.namespaceUri === BINDINGS_NAMESPACE);
    expect(parts.map((p) => p.id)).toEqual(["{pane}"]);
    expect(parts[0].xml).toContain('row="7"');
  });

  it("a bindings change that fails to save is not shown as saved", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const session = new WorkbookSession(host.run, ALL);
    await session.check();
    host.model.sheets = host.model.sheets.filter((s) => s.name !== "Realisasi Anggaran"); // deleted meanwhile
    await expect(session.setOverride("Pengukuran TW", 6, { polarity: "negative" })).rejects.toThrow();
    expect(session.state().overrides).toEqual({});
  });
});

describe("after the third review", () => {
  it("two sheets swapping names keep their own overrides", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const session = new WorkbookSession(host.run, ALL);
    await session.check();
    await session.setOverride("Pengukuran TW", 6, { polarity: "negative" });
    const pt = host.model.sheet("Pengukuran TW");
    const ra = host.model.sheet("Rencana Aksi 2024");
    pt.name = "Rencana Aksi 2024";
    ra.name = "Pengukuran TW";
    const state = await session.check();
    expect(state.overrides).toEqual({ "Rencana Aksi 2024!6": { polarity: "negative" } });
    const row6 = state.report.sheets.find((s) => s.name === "Rencana Aksi 2024")!.tables[0].indicators.find((i) => i.row === 6)!;
    expect(row6.measurement.polarity).toBe("negative");
  });

  it("a sheet deleted and another given its name: checks and clears go on", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const session = new WorkbookSession(host.run, ALL);
    await session.check();
    const snapshot = await loadWorkbook(PENGUKURAN_FILE);
    host.model.sheets = host.model.sheets.filter((s) => s.name !== "Realisasi Anggaran");
    const copy = host.model.addSheet(snapshot.sheets.find((s) => s.name === "Realisasi Anggaran")!);
    copy.notes.set("A1", { content: "dari file lain", authorName: "Rina" });
    await expect(session.check()).resolves.toBeDefined();
    await expect(session.clearFlags()).resolves.toBeGreaterThan(0);
    expect(copy.notes.get("A1")!.content).toBe("dari file lain");
  });

  it("the session holding one part merges a second part another runtime added", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    const pane = new WorkbookSession(host.run, ALL);
    await pane.check(); // writes part 1 (the tables)
    const report = checkWorkbook(await loadWorkbook(PENGUKURAN_FILE));
    const name = report.sheets[2].tables[0].indicators.find((i) => i.row === 7)!.name.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    host.model.customXmlParts.push({
      id: "{ribbon}",
      namespaceUri: BINDINGS_NAMESPACE,
      xml: `<ikiChecker xmlns="${BINDINGS_NAMESPACE}" version="1"><override sheet="Pengukuran TW" row="7" name="${name}" polarity="negative"/><ignored key="realisasi-gap@Rencana Aksi 2024!L12"/></ikiChecker>`,
    });
    const state = await pane.check();
    expect(state.overrides).toEqual({ "Pengukuran TW!7": { polarity: "negative" } });
    expect(state.ignored).toEqual(["realisasi-gap@Rencana Aksi 2024!L12"]);
    const parts = host.model.customXmlParts.filter((p) => p.namespaceUri === BINDINGS_NAMESPACE);
    expect(parts).toHaveLength(1);
    expect(parts[0].xml).toContain('row="7"');
  });

  it("a part that reads the same but is spelt differently (an XML declaration) is not rewritten by a plain check", async () => {
    const host = await hostFor(PENGUKURAN_FILE);
    await new WorkbookSession(host.run, ALL).check();
    const part = host.model.customXmlParts.find((p) => p.namespaceUri === BINDINGS_NAMESPACE)!;
    part.xml = `<?xml version="1.0" encoding="utf-8"?>\n${part.xml}`;
    const before = part.xml;
    const session = new WorkbookSession(host.run, ALL);
    await session.check();
    expect(part.xml).toBe(before);
    expect(session.syncLog.some((s) => s.kind === "write")).toBe(false);
  });
});
});
}

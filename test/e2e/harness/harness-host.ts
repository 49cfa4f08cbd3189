/**
 * The e2e harness's PaneHost: the real Office adapter (src/office/workbook-session.ts) on
 * Microsoft's Excel client library (loaded by the page from @microsoft/office-js), whose
 * requests the simulator (test/support/excel-simulator.ts) answers from a workbook read
 * from a real .xlsx fixture. Everything host-specific of the browser harness lives here.
 *
 * The test hooks act on the fake workbook the way a user in Excel would: `userSelects`
 * fires the sheet's onSelectionChanged, `userTypes` changes a cell and fires onChanged (the
 * session's live handlers re-check and notify the pane). `storedPart` is the IKI Checker
 * custom XML part as the workbook holds it; `flags` the cells carrying the add-in's notes
 * or conditional formats.
 */
import type { CellValue, WorkbookSnapshot } from "../../../src/engine/snapshot";
import { cellAddress, parseCellAddress } from "../../../src/engine/address";
import type { CellRef, PaneHost } from "../../../src/settings/pane-host";
import { WorkbookSession, detectCapabilities } from "../../../src/office/workbook-session";
import { BINDINGS_NAMESPACE } from "../../../src/office/bindings";
import { parseMarkerFormula, parseNoteCell } from "../../../src/engine/flag-style";
import { FakeWorkbookModel } from "../../support/fake-excel";
import { ExcelSimulator, bindRuntime, type RuntimeGlobals } from "../../support/excel-simulator";
import { installNotesApi } from "../../support/notes-api";
import { engineOverPort, type Engine } from "../../../src/office/engine";
import { loadLang } from "../../../src/settings/lang";

export interface HarnessOptions {
  /** The text of the IKI Checker part a previous session stored in the workbook (XML; anything unreadable gives a `bindings-damaged` notice). */
  storedPart?: string;
  /** The host lacks the manifest's minimum requirement sets: `check()` rejects with code `host-too-old`. */
  hostTooOld?: boolean;
  /** `check()` rejects with this message, as an unexpected host failure would. */
  failCheck?: string;
  /** Milliseconds each round trip to "Excel" takes, so a test can see the progress bar. */
  sheetDelayMs?: number;
  /** Run the engine in the pane's Web Worker (engine-worker.js), as the production pane does. */
  worker?: boolean;
}

export interface HarnessHost extends PaneHost {
  /** The user selects a cell in the grid (Excel's onSelectionChanged). */
  userSelects(ref: CellRef): void;
  /** The user types into a cell: Excel's onChanged; the session re-checks live. */
  userTypes(ref: CellRef, value: CellValue): void;
  /** The grid's current selection (set by the pane's `select` or by `userSelects`). */
  selected(): CellRef | null;
  /** The IKI Checker part as stored in the workbook now (XML), or "". */
  storedPart(): string;
  /** Requests the engine worker answered (0 when the engine runs on the page's thread). */
  engineRequests(): number;
  /** The ProcessQuery requests Microsoft's library sent so far, as the simulator saw them. */
  requests(): { batch: number; flags: number; wrote: boolean; cleanup: boolean; requestBytes: number; responseBytes: number }[];
  /** The cells that carry one of the add-in's flags (`sheet!cell`). */
  flags(): string[];
  /** A cell's note in the workbook now, or null. */
  cellNote(sheet: string, cell: string): string | null;
  /** A cell's formula in the workbook now, or null. */
  cellFormula(sheet: string, cell: string): string | null;
}

class HostError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createHarnessHost(workbook: WorkbookSnapshot, options: HarnessOptions = {}): HarnessHost {
  const model = FakeWorkbookModel.fromSnapshot(workbook);
  if (options.storedPart !== undefined) model.customXmlParts.push({ id: "{stored}", namespaceUri: BINDINGS_NAMESPACE, xml: options.storedPart });
  // The library the page loaded (window.Excel, window.OfficeExtension), its transport bound
  // to the simulator; each round trip takes `sheetDelayMs`, as a slow host's would.
  const runtime = bindRuntime(window as unknown as RuntimeGlobals & Record<string, unknown>);
  installNotesApi(runtime);
  const excel = new ExcelSimulator(model, runtime, { latencyMs: options.sheetDelayMs ?? 0 });
  let engineRequests = 0;
  let engine: Engine | undefined;
  if (options.worker) {
    const worker = new Worker("engine-worker.js");
    worker.addEventListener("message", () => engineRequests++);
    engine = engineOverPort(worker);
  }
  const session = new WorkbookSession(excel.run, detectCapabilities(excel.isSetSupported, excel.platform), { live: true, debounceMs: 50, lang: loadLang(), runIn: excel.runIn, engine });

  return {
    async check(onProgress) {
      await pause(0);
      if (options.hostTooOld) throw new HostError("ExcelApi 1.13 is not supported by this host", "host-too-old");
      if (options.failCheck) throw new Error(options.failCheck);
      return session.check(onProgress);
    },
    async select(ref) {
      await session.select(ref);
      // Excel raises SelectionChanged for a selection made by the add-in too.
      void excel.fire(ref.sheet, "onSelectionChanged", { address: ref.cell });
    },
    setOverride: (sheet, row, overrides) => session.setOverride(sheet, row, overrides),
    setIgnored: (key, ignored) => session.setIgnored(key, ignored),
    setSettings: (settings) => session.setSettings(settings),
    clearFlags: () => session.clearFlags(),
    fillCapaianColumn: (sheet, tableIndex) => session.fillCapaianColumn(sheet, tableIndex),
    setLanguage: (lang) => session.setLanguage(lang),
    onSelectionChanged: (listener) => session.onSelectionChanged(listener),
    onStateChanged: (listener) => session.onStateChanged(listener),
    userSelects(ref) {
      model.selected = { sheet: ref.sheet, address: ref.cell };
      void excel.fire(ref.sheet, "onSelectionChanged", { address: ref.cell });
    },
    userTypes(ref, value) {
      const { row, col } = parseCellAddress(ref.cell);
      excel.userEdit((m) => m.sheet(ref.sheet).setCell(row, col, value));
      void excel.fire(ref.sheet, "onChanged", { address: ref.cell, triggerSource: "Unknown", changeType: "RangeEdited" });
    },
    selected: () => (model.selected ? { sheet: model.selected.sheet, cell: model.selected.address.split(":")[0] } : null),
    storedPart: () => model.customXmlParts.find((p) => p.namespaceUri === BINDINGS_NAMESPACE)?.xml ?? "",
    engineRequests: () => engineRequests,
    requests: () => excel.requests.map((r) => ({ batch: r.batch, flags: r.flags, wrote: r.wrote, cleanup: r.cleanup, requestBytes: r.requestBytes, responseBytes: r.responseBytes })),
    cellNote: (sheet, cell) => model.sheet(sheet).notes.get(cell)?.content ?? null,
    cellFormula: (sheet, cell) => {
      const { row, col } = parseCellAddress(cell);
      return model.sheet(sheet).cell(row, col)?.formula ?? null;
    },
    flags: () => {
      const out = new Set<string>();
      for (const s of model.sheets) {
        for (const n of s.notes.values()) {
          const cell = parseNoteCell(n.content);
          if (cell) out.add(`${s.name}!${cell}`);
        }
        for (const cf of s.conditionalFormats) {
          if (!parseMarkerFormula(cf.formula)) continue;
          for (const a of cf.areas) for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) out.add(`${s.name}!${cellAddress(r, c)}`);
        }
      }
      return [...out];
    },
  };
}

/**
 * The e2e harness's PaneHost: everything host-specific of the browser harness lives in this
 * one file. For now it runs the engine directly over a WorkbookSnapshot read from a real
 * .xlsx fixture; later its body becomes the real Office adapter (src/office/pane-session.ts)
 * driving a fake Excel object model over the same snapshot, with the same exports.
 *
 * What it models of a workbook in Excel: the stored IKI Checker part (overrides, ignored
 * findings, settings — "saved in the workbook"), the flags on flagged cells, the grid's
 * selection (the pane's `select` and the user's own clicks, `userSelects`), and live edits
 * (`userTypes`, which re-checks and notifies `onStateChanged` like the adapter's onChanged).
 */
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../../src/engine/snapshot";
import { evaluateSheet } from "../../../src/engine/evaluate";
import { findingJson, reportEvaluation, type Finding, type SheetReport, type WorkbookReport } from "../../../src/engine/report";
import { runRules } from "../../../src/engine/rules";
import { applyChanges } from "../../../src/engine/incremental";
import { parseCellAddress } from "../../../src/engine/address";
import type { RowOverrides } from "../../../src/engine/measure/measure";
import { DEFAULT_SETTINGS, type CellRef, type CheckSettings, type Notice, type PaneHost, type PaneState } from "../../../src/taskpane/host-api";

export interface HarnessOptions {
  /** The text of the IKI Checker part a previous session stored in the workbook. Unreadable text is ignored with a `bindings-damaged` notice. */
  storedPart?: string;
  /** The host lacks the manifest's minimum requirement sets: `check()` rejects with code `host-too-old`. */
  hostTooOld?: boolean;
  /** `check()` rejects with this message, as an unexpected host failure would. */
  failCheck?: string;
  /** Milliseconds spent per sheet, so a test can see the progress bar of a large workbook. */
  sheetDelayMs?: number;
}

export interface HarnessHost extends PaneHost {
  /** The user selects a cell in the grid (Excel's onSelectionChanged). */
  userSelects(ref: CellRef): void;
  /** The user types into a cell: the sheet is re-checked and `onStateChanged` fires. */
  userTypes(ref: CellRef, value: CellValue): void;
  /** The grid's current selection (set by the pane's `select` or by `userSelects`). */
  selected(): CellRef | null;
  /** The IKI Checker part as stored in the workbook now (JSON text). */
  storedPart(): string;
  /** The cells that carry a flag (`sheet!cell`). */
  flags(): string[];
}

interface Stored {
  version: 1;
  overrides: Record<string, RowOverrides>;
  ignored: string[];
  settings: CheckSettings;
}

class HostError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

function readStored(text: string | undefined, notices: Notice[]): Stored {
  const empty: Stored = { version: 1, overrides: {}, ignored: [], settings: { ...DEFAULT_SETTINGS, rules: {} } };
  if (text === undefined) return empty;
  try {
    const parsed = JSON.parse(text) as Partial<Stored>;
    if (parsed.version !== 1 || typeof parsed !== "object") throw new Error("unknown version");
    return {
      version: 1,
      overrides: parsed.overrides ?? {},
      ignored: parsed.ignored ?? [],
      settings: { ...DEFAULT_SETTINGS, ...(parsed.settings ?? {}), rules: { ...(parsed.settings?.rules ?? {}) } },
    };
  } catch {
    notices.push({ id: "bindings-damaged" });
    return empty;
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createHarnessHost(workbook: WorkbookSnapshot, options: HarnessOptions = {}): HarnessHost {
  const sheets: SheetSnapshot[] = [...workbook.sheets];
  const notices: Notice[] = [];
  let stored = readStored(options.storedPart, notices);
  let part = options.storedPart ?? "";
  let selection: CellRef | null = null;
  let flagged: string[] = [];
  let checkedAt = 0;
  const selectionListeners = new Set<(ref: CellRef) => void>();
  const stateListeners = new Set<(state: PaneState) => void>();

  const save = (next: Stored): void => {
    stored = next;
    part = JSON.stringify(stored);
  };

  const checkSheet = (sheet: SheetSnapshot): { report: SheetReport; findings: Finding[] } => {
    const settings = { bandSet: stored.settings.bandSet, negativeFormula: stored.settings.negativeFormula, overrides: stored.overrides };
    const evaluation = evaluateSheet(sheet, settings);
    const findings = runRules(evaluation, { rules: stored.settings.rules, ignored: stored.ignored }).map((f) => findingJson(f, "id"));
    return { report: reportEvaluation(evaluation), findings };
  };

  const stateOf = (report: WorkbookReport): PaneState => ({
    report,
    overrides: { ...stored.overrides },
    ignored: [...stored.ignored],
    settings: { ...stored.settings, rules: { ...stored.settings.rules } },
    notices: [...notices],
    checkedAt,
  });

  const checkAll = async (onProgress?: (done: number, total: number) => void): Promise<PaneState> => {
    const report: WorkbookReport = { sheets: [], findings: [] };
    for (let i = 0; i < sheets.length; i++) {
      onProgress?.(i, sheets.length);
      if (options.sheetDelayMs) await pause(options.sheetDelayMs);
      const { report: sheetReport, findings } = checkSheet(sheets[i]);
      report.sheets.push(sheetReport);
      report.findings.push(...findings);
    }
    onProgress?.(sheets.length, sheets.length);
    // The flags the real host writes: one per finding's cell.
    flagged = [...new Set(report.findings.map((f) => `${f.sheet}!${f.cell}`))];
    checkedAt = Date.now();
    return stateOf(report);
  };

  return {
    async check(onProgress) {
      await pause(0);
      if (options.hostTooOld) throw new HostError("ExcelApi 1.13 is not supported by this host", "host-too-old");
      if (options.failCheck) throw new Error(options.failCheck);
      return checkAll(onProgress);
    },
    async select(ref) {
      selection = { ...ref };
      // Excel raises SelectionChanged for a selection made by the add-in too.
      queueMicrotask(() => selectionListeners.forEach((l) => l({ ...ref })));
    },
    async setOverride(sheet, row, overrides) {
      const next = { ...stored.overrides };
      const key = `${sheet}!${row}`;
      if (overrides === null || Object.keys(overrides).length === 0) delete next[key];
      else next[key] = { ...overrides };
      save({ ...stored, overrides: next });
      return checkAll();
    },
    async setIgnored(key, ignored) {
      const set = new Set(stored.ignored);
      if (ignored) set.add(key);
      else set.delete(key);
      save({ ...stored, ignored: [...set] });
      return checkAll();
    },
    async setSettings(settings) {
      save({ ...stored, settings: { ...settings, rules: { ...settings.rules } } });
      return checkAll();
    },
    async clearFlags() {
      const n = flagged.length;
      flagged = [];
      return n;
    },
    onSelectionChanged(listener) {
      selectionListeners.add(listener);
      return () => selectionListeners.delete(listener);
    },
    onStateChanged(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    userSelects(ref) {
      selection = { ...ref };
      selectionListeners.forEach((l) => l({ ...ref }));
    },
    userTypes(ref, value) {
      const i = sheets.findIndex((s) => s.name === ref.sheet);
      if (i < 0) throw new Error(`no sheet ${ref.sheet}`);
      const { row, col } = parseCellAddress(ref.cell);
      const next = applyChanges(sheets[i], [{ row, col, value }]);
      if (!next) throw new Error(`${ref.cell} is outside the used range of ${ref.sheet}`);
      sheets[i] = next;
      void checkAll().then((state) => stateListeners.forEach((l) => l(state)));
    },
    selected: () => (selection ? { ...selection } : null),
    storedPart: () => part,
    flags: () => [...flagged],
  };
}

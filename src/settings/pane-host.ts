/*
 * What the task pane needs from its host, as plain async functions (the yo office
 * template's pattern): components receive a PaneHost as a prop and never call Office.js.
 * A neutral module: src/office/workbook-session.ts implements it over Excel, the pane
 * (src/taskpane) consumes it, and neither imports the other's folder for it. The browser
 * e2e harness runs the same adapter on Microsoft's client library over a simulated Excel.
 */
import type { WorkbookReport } from "../engine/report";
import type { RowOverrides } from "../engine/measure/measure";
import type { BandSetId } from "../engine/measure/classes";
import type { NegativeFormula } from "../engine/measure/capaian";
import type { Severity } from "../engine/rules";

/** Settings that change results: stored in the workbook with the bindings, so they travel. */
export interface CheckSettings {
  bandSet: BandSetId;
  negativeFormula: NegativeFormula;
  /** Severity per rule id, or "off"; absent = the rule's default. */
  rules: Record<string, Severity | "off">;
}

export const DEFAULT_SETTINGS: CheckSettings = { bandSet: "permendagri86", negativeFormula: "inverse", rules: {} };

/** Something the user should know about the host or the workbook, shown once. */
export interface Notice {
  id:
    | "notes-unsupported" // host lacks ExcelApi 1.18: flags are colours only, messages in the pane
    | "bindings-damaged" // the workbook's IKI Checker part could not be read: ignored
    | "binding-entry-ignored" // one entry of the part was malformed or foreign: ignored
    | "host-too-old" // host lacks the manifest's minimum sets
    | "user-note-kept" // a flagged cell already had the user's note: message in the pane only
    | "read-chunked" // a large sheet was read in several round trips
    | "live-failed" // a live re-check failed: the flags may be stale until the next check
    | "notes-capped" // a sheet has more flagged cells than NOTES_PER_SHEET: the rest are colour only
    | "formats-changed"; // conditional formats changed during a write: flags re-checked, the user's formats may need a look
  /** Plain detail (a sheet name, an entry key, a count); already safe to show as text. */
  detail?: string;
}

export interface PaneState {
  report: WorkbookReport;
  /** Per-row overrides keyed by `${sheet}!${row}` (the indicator's first row). */
  overrides: Record<string, RowOverrides>;
  /** Ignored findings by `rule@sheet!cell` (findingKey). They are absent from report.findings. */
  ignored: string[];
  settings: CheckSettings;
  notices: Notice[];
  /** When the report was computed (ms since epoch). */
  checkedAt: number;
  /** Flagged cells (`sheet!cell`) that got no note because their sheet reached the note cap: colour only. */
  beyondNoteCap?: string[];
}

export interface CellRef {
  sheet: string;
  /** A1 address of one cell. */
  cell: string;
}

/**
 * Optional: a host may reject `check()` with an Error whose `code` is one of these, so the
 * pane can tell the user what to do. Any other rejection shows a generic message with the
 * error's first line as the technical detail.
 */
export type PaneErrorCode =
  | "host-too-old" // the host lacks the manifest's minimum requirement sets
  | "edit-mode"; // Excel is in cell-edit mode and refused the read

export interface PaneHost {
  /** Reads the workbook (bindings, all sheets), checks it and writes the flags. */
  check(onProgress?: (done: number, total: number) => void): Promise<PaneState>;
  /** Selects a cell in the grid (activates its sheet). */
  select(ref: CellRef): Promise<void>;
  /** Sets (or, with null, clears) a row's overrides; saved in the workbook, re-checked at once. */
  setOverride(sheet: string, row: number, overrides: RowOverrides | null): Promise<PaneState>;
  /** Ignores a finding (or takes it back); saved in the workbook, flags updated at once. */
  setIgnored(key: string, ignored: boolean): Promise<PaneState>;
  /** Saves settings to the workbook and re-checks. */
  setSettings(settings: CheckSettings): Promise<PaneState>;
  /** Removes every flag the add-in added (notes, formats); returns how many were removed. */
  clearFlags(): Promise<number>;
  /**
   * Fills the add-in's own Capaian column right of a table with native Excel formulas (so
   * recipients without the add-in see live numbers). Refuses a column holding the user's data.
   */
  fillCapaianColumn?(sheet: string, tableIndex: number): Promise<{ written: number; skipped: string[]; refused: string[] | null; column: number; state: PaneState }>;
  /** The language of the notes the add-in writes from now on (the pane's own switch). */
  setLanguage?(lang: "id" | "en"): void;
  /** Called with the selected cell whenever the user selects in the grid; returns unsubscribe. */
  onSelectionChanged(listener: (ref: CellRef) => void): () => void;
  /** Called with a new state after live re-evaluation (the user typed a realisation). */
  onStateChanged(listener: (state: PaneState) => void): () => void;
}

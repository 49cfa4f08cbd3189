/**
 * The Office.js APIs the add-in uses or is designed to use, with the requirement set that
 * introduced each one. `scripts/validate-manifest.js` reads this list (it transpiles this
 * file, so keep it free of imports) and fails when an API that is *not* guarded at run
 * time needs a newer set than the manifest's `<Requirements>` promise: on such a host
 * Office would load the add-in and the call would throw.
 *
 * Rules for editing:
 * - `guardedAtRuntime: true` only when every call site is behind
 *   `Office.context.requirements.isSetSupported(set, version)` (or a feature test) and
 *   has a fallback. Everything else is unguarded and so bounded by the manifest.
 * - `version` is the set version that introduced the member (the "[Api set: …]" remark
 *   in @types/office-js / learn.microsoft.com/javascript/api/excel), not the newest one.
 * - Adding an API here that needs a newer unguarded set means raising
 *   `<Set Name="ExcelApi" MinVersion>` in manifest.xml, which drops older Excel builds:
 *   guard it instead when the feature can degrade.
 */

/** Requirement sets the add-in may touch. "Core" = part of Office.js itself, no set. */
export type OfficeRequirementSet = "ExcelApi" | "AddinCommands" | "SharedRuntime" | "Core";

export interface OfficeApiUse {
  /** The member as written in code, e.g. `Range.getMergedAreasOrNullObject`. */
  api: string;
  set: OfficeRequirementSet;
  /** "major.minor" of the set that introduced the member. */
  version: string;
  /** True only when every call is behind an isSetSupported check with a fallback. */
  guardedAtRuntime: boolean;
  /** Why the add-in needs it (and, if guarded, what it falls back to). */
  purpose: string;
}

export const OFFICE_APIS_USED: readonly OfficeApiUse[] = [
  // --- Core: present wherever Office.js runs ---------------------------------------------
  {
    api: "Office.onReady",
    set: "Core",
    version: "1.1",
    guardedAtRuntime: false,
    purpose: "Start the task pane and the function file once Office.js is initialised.",
  },
  {
    api: "Office.context.requirements.isSetSupported",
    set: "Core",
    version: "1.1",
    guardedAtRuntime: false,
    purpose: "The run-time guard for every guarded entry below.",
  },

  // --- Add-in commands (ribbon) -----------------------------------------------------------
  {
    api: "Ribbon buttons (VersionOverrides: ExecuteFunction, ShowTaskpane)",
    set: "AddinCommands",
    version: "1.1",
    guardedAtRuntime: false,
    purpose:
      "'Periksa IKI' and 'Panel IKI' on the Home tab. Hosts without AddinCommands ignore " +
      "VersionOverrides and offer the task pane from DefaultSettings instead.",
  },
  {
    api: "Office.actions.associate",
    set: "AddinCommands",
    version: "1.1",
    guardedAtRuntime: false,
    purpose:
      "Registers checkWorkbook for the ExecuteFunction button in commands.html. A plain " +
      "function file needs no shared runtime (SharedRuntime 1.1 is for a shared runtime " +
      "and keyboard shortcuts, which this manifest does not declare).",
  },

  // --- Reading the workbook (snapshot reader) -------------------------------------------
  {
    api: "Excel.run / RequestContext.sync",
    set: "ExcelApi",
    version: "1.1",
    guardedAtRuntime: false,
    purpose: "Batch every host call; at most one read and one write sync per batch.",
  },
  {
    api: "RunOptions.delayForCellEdit",
    set: "ExcelApi",
    version: "1.5",
    guardedAtRuntime: false,
    purpose:
      "Excel.run({ delayForCellEdit: true }) so a live re-check waits for the user to leave " +
      "cell edit mode instead of failing (listed in the ExcelApi 1.5 API table).",
  },
  {
    api: "Worksheet.getUsedRange(valuesOnly)",
    set: "ExcelApi",
    version: "1.2",
    guardedAtRuntime: false,
    purpose: "Bound the snapshot of each sheet (getUsedRange is 1.1, the valuesOnly flag 1.2).",
  },
  {
    api: "Range.values / Range.text / Range.formulas / Range.numberFormat",
    set: "ExcelApi",
    version: "1.1",
    guardedAtRuntime: false,
    purpose: "Cell contents, displayed text and number formats for recognition and evaluation.",
  },
  {
    api: "Range.getMergedAreasOrNullObject",
    set: "ExcelApi",
    version: "1.13",
    guardedAtRuntime: false,
    purpose:
      "Merged header cells of pasted tables. Unguarded on purpose: recognition needs it, " +
      "so it sets the manifest's ExcelApi MinVersion (1.13).",
  },
  {
    api: "Worksheet.getRangeByIndexes",
    set: "ExcelApi",
    version: "1.7",
    guardedAtRuntime: false,
    purpose: "Address flagged cells and re-read changed rows by row/column index.",
  },
  {
    api: "Range.select / Worksheet.activate",
    set: "ExcelApi",
    version: "1.1",
    guardedAtRuntime: false,
    purpose: "Click a finding in the task pane to select its cell.",
  },

  // --- Inline flags --------------------------------------------------------------------------
  {
    api: "ConditionalFormatCollection.add(ConditionalFormatType.custom)",
    set: "ExcelApi",
    version: "1.6",
    guardedAtRuntime: false,
    purpose: "Add-in-owned highlight on flagged cells, so the user's own fill is never overwritten.",
  },
  {
    api: "Workbook.notes / Worksheet.notes (NoteCollection.add)",
    set: "ExcelApi",
    version: "1.18",
    guardedAtRuntime: true,
    purpose: "Finding text as a cell note. Falls back to a comment, or to the task pane alone.",
  },
  {
    api: "Workbook.comments (CommentCollection.add)",
    set: "ExcelApi",
    version: "1.10",
    guardedAtRuntime: false,
    purpose: "Fallback for notes on hosts below ExcelApi 1.18.",
  },

  // --- Live re-evaluation -----------------------------------------------------------------
  {
    api: "Worksheet.onChanged",
    set: "ExcelApi",
    version: "1.7",
    guardedAtRuntime: false,
    purpose: "Re-evaluate only the affected rows of bound tables, debounced.",
  },
  {
    api: "WorksheetChangedEventArgs.triggerSource",
    set: "ExcelApi",
    version: "1.14",
    guardedAtRuntime: true,
    purpose:
      "Ignore change events caused by the add-in's own writes. Falls back to an in-memory " +
      "'writing' flag around our own syncs.",
  },
  {
    api: "Worksheet.onCalculated",
    set: "ExcelApi",
    version: "1.8",
    guardedAtRuntime: false,
    purpose: "Refresh achievement values that come from formulas after recalculation.",
  },

  // --- Stores carried inside the workbook ------------------------------------------------
  {
    api: "Workbook.customXmlParts",
    set: "ExcelApi",
    version: "1.5",
    guardedAtRuntime: false,
    purpose: "Bindings (recognised tables, per-row overrides, ignored findings) saved in the file.",
  },
  {
    api: "Worksheet.customProperties",
    set: "ExcelApi",
    version: "1.12",
    guardedAtRuntime: false,
    purpose: "Per-sheet marker of the add-in's decorations so it can remove exactly what it added.",
  },
  {
    api: "Workbook.settings (Excel.SettingCollection)",
    set: "ExcelApi",
    version: "1.4",
    guardedAtRuntime: false,
    purpose: "Small per-workbook preferences (language, last check time).",
  },
];

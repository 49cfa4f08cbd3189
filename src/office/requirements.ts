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
      "Registers checkWorkbook for the ExecuteFunction button. The function file is the task " +
      "pane's page (the shared runtime below), so the command and the pane share one session.",
  },
  {
    api: "Shared runtime (manifest <Runtimes>, lifetime long)",
    set: "SharedRuntime",
    version: "1.1",
    guardedAtRuntime: false,
    purpose:
      "The ribbon's command and the task pane run in one JavaScript runtime with one WorkbookSession, " +
      "so their read-then-write batches queue in one place instead of interleaving on the same flags.",
  },

  // --- Reading the workbook (src/office/read-sheets.ts) -------------------------------------
  {
    api: "Excel.run / RequestContext.sync",
    set: "ExcelApi",
    version: "1.1",
    guardedAtRuntime: false,
    purpose: "Batch every host call; one read and one write sync per check or edit batch.",
  },
  {
    api: "RunOptions.mergeUndoGroup",
    set: "ExcelApi",
    version: "1.20",
    guardedAtRuntime: true,
    purpose: "One undo step per batch where present; otherwise a batch writes in one sync, which is one undo record.",
  },
  {
    api: "RunOptions.delayForCellEdit",
    set: "ExcelApi",
    version: "1.5",
    guardedAtRuntime: false,
    purpose:
      "Every Excel.run asks delayForCellEdit: true, so a batch waits for the user to leave " +
      "cell edit mode instead of failing (listed in the ExcelApi 1.5 API table; the d.ts names no set).",
  },
  {
    api: "WorksheetCollection.load(items/name,id) / getItem / getItemOrNullObject",
    set: "ExcelApi",
    version: "1.4",
    guardedAtRuntime: false,
    purpose: "Sheet names and ids; a sheet deleted since the last read is a null object, not a failed batch.",
  },
  {
    api: "Worksheet.getUsedRangeOrNullObject(valuesOnly)",
    set: "ExcelApi",
    version: "1.4",
    guardedAtRuntime: false,
    purpose: "Bounds of each snapshot (valuesOnly: formatted empty cells do not count).",
  },
  {
    api: "Range.getIntersectionOrNullObject",
    set: "ExcelApi",
    version: "1.4",
    guardedAtRuntime: false,
    purpose: "Read a sheet's used range inside a bounded window in the first sync (payload stays below 5 MB).",
  },
  {
    api: "Worksheet.getRangeByIndexes",
    set: "ExcelApi",
    version: "1.7",
    guardedAtRuntime: false,
    purpose: "Row chunks of large sheets, changed cells, the Capaian column's cells.",
  },
  {
    api: "Range.values / formulas / valueTypes / numberFormat / address",
    set: "ExcelApi",
    version: "1.1",
    guardedAtRuntime: false,
    purpose: "The snapshot: values, formula text, error cells (valueTypes), number formats.",
  },
  {
    api: "Range.getMergedAreasOrNullObject",
    set: "ExcelApi",
    version: "1.13",
    guardedAtRuntime: false,
    purpose:
      "Merged header cells of pasted tables, read per band of 256 whole rows (it fails above 512 areas). " +
      "Unguarded on purpose: recognition needs it, so it sets the manifest's ExcelApi MinVersion (1.13).",
  },
  {
    api: "Range.getSpecialCellsOrNullObject(Visible)",
    set: "ExcelApi",
    version: "1.9",
    guardedAtRuntime: false,
    purpose: "Hidden rows and columns of the used range (the complement of its visible cells), for the snapshot.",
  },
  {
    api: "Worksheet.tables / Table.name, showHeaders, showTotals / Table.getRange",
    set: "ExcelApi",
    version: "1.1",
    guardedAtRuntime: false,
    purpose: "Excel Tables for the snapshot (a table's range takes one more sync, only when a sheet has tables).",
  },
  {
    api: "Table.showFilterButton",
    set: "ExcelApi",
    version: "1.9",
    guardedAtRuntime: false,
    purpose: "Whether an Excel Table shows its AutoFilter, for the snapshot.",
  },
  {
    api: "Worksheet.delete",
    set: "ExcelApi",
    version: "1.1",
    guardedAtRuntime: false,
    purpose: "Hapus tanda removes an annotated copy's findings sheet (found by its A1 title).",
  },
  {
    api: "Worksheet.getRange",
    set: "ExcelApi",
    version: "1.1",
    guardedAtRuntime: false,
    purpose: "The whole sheet (its merged areas and conditional formats) and a finding's cell.",
  },
  {
    api: "Range.select / Worksheet.activate",
    set: "ExcelApi",
    version: "1.1",
    guardedAtRuntime: false,
    purpose: "Go to a finding's cell from the task pane.",
  },

  // --- Inline flags (src/office/decorations.ts) ----------------------------------------------
  {
    api: "Worksheet.getRanges / RangeAreas.conditionalFormats",
    set: "ExcelApi",
    version: "1.9",
    guardedAtRuntime: false,
    purpose: "One add-in-owned conditional format per severity over all its flagged cells (never the user's fill).",
  },
  {
    api: "ConditionalFormatCollection.add(Custom) / load(items/customOrNullObject/rule/formula) / ConditionalFormat.delete",
    set: "ExcelApi",
    version: "1.6",
    guardedAtRuntime: false,
    purpose: "Write, find (by the marker in the rule's formula) and remove exactly the add-in's formats.",
  },
  {
    api: "Worksheet.notes / NoteCollection.add / getCount / getItemAt / getItemOrNullObject / Note.content / Note.width / Note.height / Note.getLocation / Note.delete",
    set: "ExcelApi",
    version: "1.18",
    guardedAtRuntime: true,
    purpose:
      "The finding's messages as a cell note marked [IKI Checker <cell>], sized to its text (width/height, " +
      "not on Excel on the web); a user's note is never touched. Without 1.18 the flags are colours only " +
      "and the pane says so once.",
  },

  {
    api: "Worksheet.comments / CommentCollection.getCount / getItemAt / Comment.content / Comment.getLocation",
    set: "ExcelApi",
    version: "1.10",
    guardedAtRuntime: false,
    purpose: "Cells with a threaded comment (no note can go there, so they get the colour only) and its text for the snapshot.",
  },

  // --- Live re-evaluation (src/office/workbook-session.ts) -----------------------------------
  {
    api: "Worksheet.onChanged / onSelectionChanged",
    set: "ExcelApi",
    version: "1.7",
    guardedAtRuntime: false,
    purpose: "Re-evaluate only the changed rows of sheets with tables; follow the grid selection in the pane.",
  },
  {
    api: "WorksheetChangedEventArgs.triggerSource",
    set: "ExcelApi",
    version: "1.14",
    guardedAtRuntime: true,
    purpose:
      "Ignore change events caused by the add-in's own writes. Falls back to ignoring changes " +
      "within a second of the add-in's last write.",
  },
  {
    api: "Worksheet.onCalculated",
    set: "ExcelApi",
    version: "1.8",
    guardedAtRuntime: false,
    purpose: "Realisation cells that are formulas: re-evaluate after recalculation.",
  },
  {
    api: "WorksheetCalculatedEventArgs.address",
    set: "ExcelApi",
    version: "1.11",
    guardedAtRuntime: false,
    purpose: "Re-read only the recalculated cells (an empty address re-reads the sheet).",
  },
  {
    api: "EventHandlerResult.remove",
    set: "ExcelApi",
    version: "1.7",
    guardedAtRuntime: false,
    purpose: "Remove the handlers when the pane closes, on the context they were added with.",
  },

  // --- Stores carried inside the workbook (src/office/bindings.ts) ---------------------------
  {
    api: "Workbook.customXmlParts: getByNamespace(items/id) / getItemOrNullObject / getXml / setXml / add / delete",
    set: "ExcelApi",
    version: "1.5",
    guardedAtRuntime: false,
    purpose: "Bindings (tables, overrides, ignored findings, settings) in one namespaced, versioned part; written only when they change.",
  },

  // --- Ribbon command feedback (src/commands/commands.ts) ------------------------------------
  {
    api: "Office.context.ui.displayDialogAsync / messageParent",
    set: "Core",
    version: "1.1",
    guardedAtRuntime: true,
    purpose: "'Periksa IKI' shows the counts in a small dialog (DialogApi 1.1, checked at run time; without it the flags are the feedback).",
  },
];

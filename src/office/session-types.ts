/**
 * The types the session's parts share: how Excel.run is called, what the host supports,
 * the options of a session, and the state kept per sheet between batches.
 */
import type { Area } from "../engine/snapshot";
import type { SheetEvaluation } from "../engine/evaluate";
import type { Finding } from "../engine/report";
import type { PaneState } from "../settings/pane-host";
import type { NoteState, OurFormat, SheetDecorations } from "./decorations";
import type { Engine } from "./engine";

/** Excel.run's options the adapter passes (Excel.RunOptions). */
export interface RunOptions {
  /** Wait for the user to leave cell-edit mode instead of failing (every batch asks for it). */
  delayForCellEdit?: boolean;
  /** ExcelApi 1.20: every sync of the batch is one undo record. */
  mergeUndoGroup?: boolean;
}

/** Excel.run, or the test host's stand-in. */
export type ExcelRunner = <T>(options: RunOptions, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Excel.run(context, batch): a batch on an existing context (event handlers are removed so). */
export type ExcelContextRunner = <T>(context: Excel.RequestContext, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** What the host supports, decided once at start from `Office.context.requirements`. */
export interface Capabilities {
  /** ExcelApi 1.18: cell notes. Without it flags are colours only. */
  notes: boolean;
  /** ExcelApi 1.14: `triggerSource` on change events. */
  triggerSource: boolean;
  /** ExcelApi 1.20: `mergeUndoGroup` in Excel.run's options (one undo step per batch). */
  mergeUndo?: boolean;
  /** Note.width/height can be set (ExcelApi 1.18, not on Excel on the web): notes sized to their text. */
  noteSize?: boolean;
}

/** `platform`: Office.context.diagnostics.platform ("OfficeOnline" on the web). */
export function detectCapabilities(isSetSupported: (set: string, version: string) => boolean, platform?: string): Capabilities {
  const notes = isSetSupported("ExcelApi", "1.18");
  return {
    notes,
    triggerSource: isSetSupported("ExcelApi", "1.14"),
    mergeUndo: isSetSupported("ExcelApi", "1.20"),
    noteSize: notes && platform !== undefined && platform !== "OfficeOnline",
  };
}

export type SyncKind = "names" | "read" | "chunk" | "bindings" | "notes" | "probe" | "write" | "reread";

export interface CapaianColumnResult {
  written: number;
  skipped: string[];
  /** Non-empty cells of a column that is not ours: nothing was written. */
  refused: string[] | null;
  column: number;
  state: PaneState;
}

export interface SessionOptions {
  lang?: "id" | "en";
  /** Debounce of live re-evaluation, ms. */
  debounceMs?: number;
  /** Timers, replaceable in tests. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
  /** Excel.run(context, batch); by default the batch runs on the context directly. */
  runIn?: ExcelContextRunner;
  /** Keep the flags current while the user types: handlers on the sheets with tables after each check. */
  live?: boolean;
  /** Where the engine runs: in-process by default; the pane passes its Web Worker (src/office/engine.ts). */
  engine?: Engine;
}

export interface SheetState {
  name: string;
  id: string;
  used: Area | null;
  evaluation: SheetEvaluation;
  findings: Finding[];
  /** The notes planned at the last write: which cells an edit batch must look at again. */
  lastWanted: Map<string, string>;
  /** Cells with a threaded comment at the last full look (no note can go there). */
  comments: Set<string>;
}

/** One sheet's part of a write: what is there and what should be. */
export interface SheetWrite {
  sheet: SheetState;
  formats: OurFormat[];
  /** The user's formats when read (type and formula, by priority): the write must leave them as they were. */
  others?: string[];
  wanted: SheetDecorations;
  /** What is known of the sheet's notes; null without the notes API. */
  notes: NoteState | null;
  /** The cells whose notes `notes` knows and this write reconciles. */
  cells: Iterable<string>;
}


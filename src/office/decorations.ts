/**
 * Inline flags in the grid: per flagged cell a conditional format owned by the add-in and
 * a note with the messages. Both identify themselves, so they are found and removed with
 * no registry:
 * - the conditional format's formula is `="IKI Checker:<severity>:<hash>"="IKI Checker:…"`
 *   (always true; the hash names the set of cells it covers, so an unchanged set is kept);
 * - the note starts with `[IKI Checker <cell>]`, naming the cell it was written for.
 * The user's own fill, formats and values are never written; a cell that already holds the
 * user's note keeps it untouched and gets the colour only (its messages stay in the pane).
 *
 * Planning is pure (`planDecorations`); Office calls are in `queueDecorationState` (reads,
 * queued into the caller's read sync), `queueNoteProbe` and `queueDecorationWrites`.
 */
import type { Finding } from "../engine/report";

import { parseCellAddress } from "../engine/address";

export const MARKER = "IKI Checker";
type Severity = Finding["severity"];
const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Colours of the annotated copies (src/xlsx/annotate.ts), as Office.js wants them. */
export const FLAG_COLOURS: Record<Severity, { fill: string; font: string }> = {
  error: { fill: "#FFC7CE", font: "#9C0006" },
  warning: { fill: "#FFEB9C", font: "#9C5700" },
  info: { fill: "#DDEBF7", font: "#1F4E78" },
};

const SEVERITY_WORD: Record<"id" | "en", Record<Severity, string>> = {
  id: { error: "Galat", warning: "Peringatan", info: "Info" },
  en: { error: "Error", warning: "Warning", info: "Info" },
};

/** Areas per conditional format: address strings stay far below getRanges' 8192 characters. */
const AREAS_PER_FORMAT = 200;

export function markerFormula(severity: Severity, hash: string): string {
  const tag = `"${MARKER}:${severity}:${hash}"`;
  return `=${tag}=${tag}`;
}

/** Reads a marker formula back; null when the format is not ours. */
export function parseMarkerFormula(formula: string | null | undefined): { severity: Severity; hash: string } | null {
  const m = /^=?"IKI Checker:(error|warning|info):([0-9a-z]+)"="IKI Checker:\1:\2"$/.exec((formula ?? "").trim());
  return m ? { severity: m[1] as Severity, hash: m[2] } : null;
}

export function noteHeader(cell: string): string {
  return `[${MARKER} ${cell}]`;
}

/** The cell an add-in note was written for, or null for a user's note. */
export function parseNoteCell(content: string): string | null {
  const m = /^\[IKI Checker ([A-Z]{1,3}[0-9]+)\]/.exec(content);
  return m ? m[1] : null;
}

/** Notes are plain text: drop control characters a quoted cell may carry. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
}

export function noteContent(cell: string, findings: readonly Finding[], lang: "id" | "en"): string {
  const lines = findings.map((f) => clean(`${SEVERITY_WORD[lang][f.severity]} ${f.rule}: ${f.messages[lang]}${f.suggestion ? ` ${f.suggestion[lang]}` : ""}`));
  return [noteHeader(cell), ...lines].join("\n");
}

/** FNV-1a, base 36: short, stable, enough to tell two cell sets apart. */
export function hashCells(cells: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of cells.join(",")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export interface FormatGroup {
  severity: Severity;
  cells: string[];
  hash: string;
}

export interface SheetDecorations {
  /** Conditional formats wanted: cells grouped by their worst severity, in chunks. */
  formats: FormatGroup[];
  /** Note text wanted per cell. */
  notes: Map<string, string>;
}

function byPosition(a: string, b: string): number {
  const x = parseCellAddress(a);
  const y = parseCellAddress(b);
  return x.row - y.row || x.col - y.col;
}

/** What one sheet's flags should look like for these findings (of that sheet). */
export function planDecorations(findings: readonly Finding[], lang: "id" | "en"): SheetDecorations {
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) byCell.set(f.cell, [...(byCell.get(f.cell) ?? []), f]);
  const cellsBySeverity: Record<Severity, string[]> = { error: [], warning: [], info: [] };
  const notes = new Map<string, string>();
  for (const [cell, list] of byCell) {
    const worst = list.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] ? b : a)).severity;
    cellsBySeverity[worst].push(cell);
    notes.set(cell, noteContent(cell, list, lang));
  }
  const formats: FormatGroup[] = [];
  for (const severity of SEVERITIES) {
    const cells = cellsBySeverity[severity].sort(byPosition);
    for (let i = 0; i < cells.length; i += AREAS_PER_FORMAT) {
      const chunk = cells.slice(i, i + AREAS_PER_FORMAT);
      formats.push({ severity, cells: chunk, hash: hashCells(chunk) });
    }
  }
  return { formats, notes };
}

// --- What is on the sheet now ------------------------------------------------------------

export interface OurFormat {
  severity: Severity;
  hash: string;
  id: string;
  /** The proxy, to delete it in the write sync of the same batch. */
  item: Excel.ConditionalFormat;
}

export interface ExistingNote {
  /** The cell our note names (ours only), or null for a user's note. */
  cell: string | null;
  content: string;
  item: Excel.Note;
}

export interface DecorationState {
  formats: OurFormat[];
  /** Our notes; null when the host has no notes API (ExcelApi 1.18). */
  notes: ExistingNote[] | null;
  /** Every conditional format on the sheet (the user's too), to check the memory next time. */
  formatTotal: number;
  /** Every note on the sheet (the user's too); null without the notes API. */
  noteTotal: number | null;
}

/**
 * What the add-in wrote on a sheet, kept in memory after a write so the next batch need not
 * read every format and note back (on a sheet with hundreds of flags that is most of a
 * sync's payload). Two counts read in the batch's read sync confirm it; when they differ
 * (the user added or deleted a note or format) the full state is read again.
 */
export interface DecorationMemory {
  /** `severity:hash` → conditional format id. */
  formats: Map<string, string>;
  /** cell → our note's content. */
  notes: Map<string, string>;
  formatTotal: number;
  noteTotal: number | null;
}

export interface QueuedDecorationState {
  read(): DecorationState;
}

/** Queues the loads that tell which decorations are on a sheet; read after the sync. */
export function queueDecorationState(ws: Excel.Worksheet, notesSupported: boolean): QueuedDecorationState {
  const formats = ws.getRange().conditionalFormats;
  // customOrNullObject, not custom: `items/custom/…` fails on a collection that also holds
  // colour scales or data bars (office-js issue #2180).
  formats.load("items/id,items/type,items/customOrNullObject/rule/formula");
  const notes = notesSupported ? ws.notes : null;
  notes?.load("items/content");
  return {
    read(): DecorationState {
      const ours: OurFormat[] = [];
      for (const item of formats.items) {
        if (item.type !== "Custom" || item.customOrNullObject.isNullObject) continue;
        const marker = parseMarkerFormula(item.customOrNullObject.rule.formula);
        if (marker) ours.push({ ...marker, id: item.id, item });
      }
      return {
        formats: ours,
        // Only ours: the user's notes are never touched, so they need not be listed.
        notes: notes
          ? notes.items
              .map((item) => ({ cell: parseNoteCell(item.content), content: item.content, item }))
              .filter((n) => n.cell !== null)
          : null,
        formatTotal: formats.items.length,
        noteTotal: notes ? notes.items.length : null,
      };
    },
  };
}

/**
 * Queues the two counts that confirm a sheet's decoration memory. `read()` gives the state
 * rebuilt from memory (proxies by id and by cell, nothing loaded), or null when a count
 * differs and the full state must be read.
 */
export function queueDecorationCheck(ws: Excel.Worksheet, memory: DecorationMemory, notesSupported: boolean): QueuedDecorationStateOrNull {
  const formatCount = ws.getRange().conditionalFormats.getCount();
  const noteCount = notesSupported ? ws.notes.getCount() : null;
  return {
    read(): DecorationState | null {
      // read() runs after the caller's sync; a ClientResult needs no load (the lint rule cannot see either).
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
      if (formatCount.value !== memory.formatTotal) return null;
      if ((noteCount?.value ?? null) !== memory.noteTotal) return null;
      const formats = ws.getRange().conditionalFormats;
      return {
        formats: [...memory.formats].map(([key, id]) => {
          const [severity, hash] = key.split(":") as [Severity, string];
          return { severity, hash, id, item: formats.getItem(id) };
        }),
        notes: notesSupported ? [...memory.notes].map(([cell, content]) => ({ cell, content, item: ws.notes.getItem(cell) })) : null,
        formatTotal: memory.formatTotal,
        noteTotal: memory.noteTotal,
      };
    },
  };
}

export interface QueuedDecorationStateOrNull {
  read(): DecorationState | null;
}

export interface NoteProbe {
  /** Cells that hold a note that is not ours (left alone). */
  read(): Set<string>;
}

/**
 * Which of these cells already hold a note: one `getItemOrNullObject` per cell, queued into
 * a read sync. Our own notes are told apart by their header.
 */
export function queueNoteProbe(ws: Excel.Worksheet, cells: readonly string[]): NoteProbe {
  const probes = cells.map((cell) => {
    const note = ws.notes.getItemOrNullObject(cell);
    note.load("content");
    return { cell, note };
  });
  return {
    read(): Set<string> {
      const user = new Set<string>();
      for (const p of probes) if (!p.note.isNullObject && parseNoteCell(p.note.content) === null) user.add(p.cell);
      return user;
    },
  };
}

export interface WriteSummary {
  /** The memory of what is on the sheet once the write has synced. */
  memoryAfter(): DecorationMemory;
  formatsAdded: number;
  formatsRemoved: number;
  notesAdded: number;
  notesUpdated: number;
  notesRemoved: number;
  /** Flagged cells whose user note was kept (no note of ours there). */
  userNotesKept: string[];
  /**
   * Notes still to add, `[cell, content]`: the caller queues them (`queueNoteAdditions`),
   * in as many syncs as the request size needs, after everything else.
   */
  additions: [string, string][];
}

/** Queues note additions; each is one call carrying its text. */
export function queueNoteAdditions(ws: Excel.Worksheet, additions: readonly [string, string][]): void {
  for (const [cell, content] of additions) ws.notes.add(cell, content);
}

/**
 * Queues the writes that turn `state` into `wanted` (null = remove everything ours).
 * Unchanged formats and notes are left as they are. `userNoteCells` are cells known to hold
 * the user's note: nothing is written there but the colour.
 */
export function queueDecorationWrites(
  ws: Excel.Worksheet,
  state: DecorationState,
  wanted: SheetDecorations | null,
  userNoteCells: ReadonlySet<string>,
): WriteSummary {
  const keptFormats = new Map<string, string>();
  const addedFormats: [string, Excel.ConditionalFormat][] = [];
  const notesAfter = new Map<string, string>();
  const summary: WriteSummary = {
    formatsAdded: 0,
    formatsRemoved: 0,
    notesAdded: 0,
    notesUpdated: 0,
    notesRemoved: 0,
    userNotesKept: [],
    additions: [],
    memoryAfter: () => ({
      formats: new Map([...keptFormats, ...addedFormats.map(([k, cf]) => [k, cf.id] as [string, string])]),
      notes: notesAfter,
      formatTotal: state.formatTotal - summary.formatsRemoved + summary.formatsAdded,
      noteTotal: state.noteTotal === null ? null : state.noteTotal - summary.notesRemoved + summary.notesAdded,
    }),
  };
  const wantedFormats = wanted?.formats ?? [];
  const keep = new Set(wantedFormats.map((f) => `${f.severity}:${f.hash}`));
  for (const f of state.formats) {
    const key = `${f.severity}:${f.hash}`;
    if (keep.has(key) && !keptFormats.has(key)) {
      keptFormats.set(key, f.id);
    } else {
      f.item.delete();
      summary.formatsRemoved++;
    }
  }
  for (const f of wantedFormats) {
    const key = `${f.severity}:${f.hash}`;
    if (keptFormats.has(key)) continue;
    const cf = ws.getRanges(f.cells.join(",")).conditionalFormats.add("Custom");
    cf.custom.rule.formula = markerFormula(f.severity, f.hash);
    cf.custom.format.fill.color = FLAG_COLOURS[f.severity].fill;
    cf.custom.format.font.color = FLAG_COLOURS[f.severity].font;
    cf.load("id");
    addedFormats.push([key, cf]);
    summary.formatsAdded++;
  }

  if (state.notes === null) return summary; // no notes API: colours only
  const wantedNotes = wanted?.notes ?? new Map<string, string>();
  const ours = new Map<string, ExistingNote>();
  for (const n of state.notes) {
    if (n.cell === null) continue; // the user's: never touched
    if (!wantedNotes.has(n.cell) || ours.has(n.cell)) {
      n.item.delete();
      summary.notesRemoved++;
    } else ours.set(n.cell, n);
  }
  // Updates and removals first, additions last: an addition that fails (a threaded comment
  // on the cell, say) cannot then stop the others.
  const additions: [string, string][] = [];
  for (const [cell, content] of wantedNotes) {
    const existing = ours.get(cell);
    if (existing) {
      if (existing.content !== content) {
        existing.item.content = content;
        summary.notesUpdated++;
      }
      notesAfter.set(cell, content);
    } else if (userNoteCells.has(cell)) summary.userNotesKept.push(cell);
    else additions.push([cell, content]);
  }
  for (const [cell, content] of additions) {
    notesAfter.set(cell, content);
    summary.notesAdded++;
  }
  summary.additions = additions;
  return summary;
}

/** Flagged cells whose note state a write needs and the state does not tell: to probe. */
export function cellsToProbe(state: DecorationState, wanted: SheetDecorations): string[] {
  if (state.notes === null) return [];
  const ours = new Set(state.notes.map((n) => n.cell).filter((c): c is string => c !== null));
  return [...wanted.notes.keys()].filter((c) => !ours.has(c));
}



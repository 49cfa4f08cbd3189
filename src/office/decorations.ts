/**
 * Inline flags in the grid: per flagged cell a conditional format owned by the add-in and
 * a note with the messages. Both identify themselves, so they are found and removed with
 * no registry:
 * - the conditional format's formula is `="IKI Checker:<severity>:<hash>"="IKI Checker:…"`
 *   (always true; the hash names the set of cells it covers, so an unchanged set is kept);
 * - the note starts with `[IKI Checker <cell>]`, naming the cell it was written for (a note
 *   moved by a row insert or a sort still names its old cell: where a note *is* comes from
 *   Office, `Note.getLocation()`, never from its text).
 * The user's own fill, formats and values are never written; a cell that holds the user's
 * note or a threaded comment keeps it untouched and gets the colour only (its messages stay
 * in the pane). Only notes whose text starts with the marker are ever changed or deleted.
 *
 * Planning is pure (`planDecorations`, `reconcileNotes`); Office calls queue into the
 * caller's syncs: `queueFormatState` + `queueNoteCounts` (read sync), `queueNoteState`
 * (every note and comment with its location), `queueCellNotes` (the notes of given cells),
 * `queueFormatWrites` / `queueNoteWrites` (write sync).
 */
import type { Finding } from "../engine/report";
import { cellAddress, parseCellAddress } from "../engine/address";
import type { SheetNote } from "../engine/snapshot";
import { FLAG_COLOURS, FLAG_MARKER, isOurNote, markerFormula, parseMarkerFormula, planFlags, type FormatGroup, type SheetFlags } from "../engine/flag-style";
import { areaOfAddress } from "./snapshot-from-range";

export const MARKER = FLAG_MARKER;
type Severity = Finding["severity"];

export type SheetDecorations = SheetFlags;

/** What one sheet's flags should look like for these findings (of that sheet). */
export function planDecorations(findings: readonly Finding[], lang: "id" | "en"): SheetDecorations {
  return planFlags(findings, lang);
}

// --- What is on the sheet now ------------------------------------------------------------

export interface OurFormat {
  severity: Severity;
  hash: string;
  id: string;
  /** The proxy, to delete it in the write sync of the same batch. */
  item: Excel.ConditionalFormat;
}

/** The add-in's conditional formats on a sheet: read with the sheet, they are few. */
export interface QueuedFormats {
  read(): OurFormat[];
  /** The other formats (the user's), as `type formula` in priority order: what the write must leave. */
  others(): string[];
}

export function queueFormatState(ws: Excel.Worksheet): QueuedFormats {
  const formats = ws.getRange().conditionalFormats;
  // customOrNullObject, not custom: `items/custom/…` fails on a collection that also holds
  // colour scales or data bars (office-js issue #2180).
  formats.load("items/id,items/type,items/customOrNullObject/rule/formula");
  return {
    read(): OurFormat[] {
      const ours: OurFormat[] = [];
      for (const item of formats.items) {
        if (item.type !== "Custom" || item.customOrNullObject.isNullObject) continue;
        const marker = parseMarkerFormula(item.customOrNullObject.rule.formula);
        if (marker) ours.push({ ...marker, id: item.id, item });
      }
      return ours;
    },
    others(): string[] {
      return formats.items
        .filter((item) => item.type !== "Custom" || item.customOrNullObject.isNullObject || !parseMarkerFormula(item.customOrNullObject.rule.formula))
        .map((item) => `${item.type} ${item.type === "Custom" && !item.customOrNullObject.isNullObject ? item.customOrNullObject.rule.formula : ""}`);
    },
  };
}

export interface NoteCounts {
  notes: number;
  comments: number;
}

/** How many notes and threaded comments a sheet has: tells whether `queueNoteState` is needed. */
export function queueNoteCounts(ws: Excel.Worksheet): { read(): NoteCounts } {
  const notes = ws.notes.getCount();
  const comments = ws.comments.getCount();
  return {
    // read() runs after the caller's sync; a ClientResult needs no load (the lint rule cannot see either).
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
    read: () => ({ notes: notes.value, comments: comments.value }),
  };
}

/** A note where Office says it is. */
export interface PlacedNote {
  content: string;
  /** True when its text starts with the add-in's marker: only these are ever changed. */
  ours: boolean;
  /**
   * The proxy to change or delete it, made when a write needs it: a proxy made and never
   * used is still sent (Excel.run sends what is queued when the batch ends).
   */
  item: () => Excel.Note;
}

export interface NoteState {
  /** Notes by the cell they are on. */
  notes: Map<string, PlacedNote>;
  /** Cells with a threaded comment (a note cannot be added there). */
  comments: Set<string>;
  /** The text of each threaded comment (its first message), by cell, when read in full. */
  commentText?: Map<string, string>;
}

/**
 * The snapshot's notes (src/engine/snapshot.ts) from what a full read of a sheet's notes
 * found: notes (ours included, as the file reader reads them) and threaded comments with
 * their first message; sorted by row, then column.
 */
export function snapshotNotes(state: NoteState): SheetNote[] {
  const out: SheetNote[] = [];
  for (const [cell, n] of state.notes) {
    const { row, col } = parseCellAddress(cell);
    out.push({ row, col, kind: "note", text: n.content });
  }
  for (const cell of state.comments) {
    const { row, col } = parseCellAddress(cell);
    out.push({ row, col, kind: "threaded", text: state.commentText?.get(cell) ?? "" });
  }
  return out.sort((a, b) => a.row - b.row || a.col - b.col);
}

/** The top-left cell of a (sheet-qualified) address. */
function cellOf(address: string): string {
  const a = areaOfAddress(address);
  return cellAddress(a.top, a.left);
}

/**
 * Every note (text and location) and every threaded comment's location of a sheet, for
 * indices [from, to) of each collection: one slice per sync keeps large sheets below the
 * request limit. Counts come from `queueNoteCounts` in the previous sync.
 */
export function queueNoteState(ws: Excel.Worksheet, counts: NoteCounts, from: number, to: number): { read(into: NoteState): void } {
  const notes: { item: Excel.Note; at: Excel.Range }[] = [];
  for (let i = from; i < Math.min(to, counts.notes); i++) {
    const item = ws.notes.getItemAt(i);
    item.load("content");
    const at = item.getLocation();
    at.load("address");
    notes.push({ item, at });
  }
  const comments: { item: Excel.Comment; at: Excel.Range }[] = [];
  for (let i = from; i < Math.min(to, counts.comments); i++) {
    const item = ws.comments.getItemAt(i);
    item.load("content");
    const at = item.getLocation();
    at.load("address");
    comments.push({ item, at });
  }
  return {
    read(into: NoteState): void {
      for (const n of notes) {
        const cell = cellOf(n.at.address);
        // Changed later through getItem(cell), not through the getItemAt(i) proxy: a note has
        // no id, so that proxy may be replayed by index in the write sync, after other notes
        // were removed — and then name another note, perhaps the user's.
        into.notes.set(cell, { content: n.item.content, ours: isOurNote(n.item.content), item: () => ws.notes.getItem(cell) });
      }
      for (const c of comments) {
        const cell = cellOf(c.at.address);
        into.comments.add(cell);
        (into.commentText ??= new Map()).set(cell, c.item.content);
      }
    },
  };
}

/** The notes on given cells (one `getItemOrNullObject` each), for a batch that touches only those. */
export function queueCellNotes(ws: Excel.Worksheet, cells: readonly string[]): { read(into: NoteState): void } {
  const probes = cells.map((cell) => {
    const note = ws.notes.getItemOrNullObject(cell);
    note.load("content");
    return { cell, note };
  });
  return {
    read(into: NoteState): void {
      for (const p of probes) {
        if (!p.note.isNullObject) into.notes.set(p.cell, { content: p.note.content, ours: isOurNote(p.note.content), item: () => p.note });
      }
    },
  };
}

// --- Writing ------------------------------------------------------------------------------

export interface FormatWrites {
  added: number;
  removed: number;
}

/** Queues the format changes: ours that are not wanted go (highest id first), new ones come. */
export function queueFormatWrites(sheet: Excel.Worksheet | (() => Excel.Worksheet), ours: readonly OurFormat[], wanted: readonly FormatGroup[]): FormatWrites {
  // A proxy made and not used still costs a round trip: Excel.run sends what is queued.
  const ws = typeof sheet === "function" ? sheet : () => sheet;
  const keep = new Set(wanted.map((f) => `${f.severity}:${f.hash}`));
  const present = new Set<string>();
  const doomed: OurFormat[] = [];
  for (const f of ours) {
    const key = `${f.severity}:${f.hash}`;
    if (keep.has(key) && !present.has(key)) present.add(key);
    else doomed.push(f);
  }
  // Office documents a format's id as its priority in the collection: deleting from the
  // highest down leaves the ids of the ones still to delete as they were.
  doomed.sort((a, b) => Number(b.id) - Number(a.id) || b.id.localeCompare(a.id));
  for (const f of doomed) f.item.delete();
  let added = 0;
  for (const f of wanted) {
    if (present.has(`${f.severity}:${f.hash}`)) continue;
    const cf = ws().getRanges(f.cells.join(",")).conditionalFormats.add("Custom");
    cf.custom.rule.formula = markerFormula(f.severity, f.hash);
    cf.custom.format.fill.color = FLAG_COLOURS[f.severity].fill;
    cf.custom.format.font.color = FLAG_COLOURS[f.severity].font;
    added++;
  }
  return { added, removed: doomed.length };
}

export interface NotePlan {
  update: { item: Excel.Note; content: string }[];
  remove: Excel.Note[];
  add: [string, string][];
  /** Flagged cells holding the user's note or a threaded comment: colour only. */
  kept: string[];
}

/**
 * What to do with the notes of `cells` (all cells whose state `state` knows, when it is
 * the whole sheet's) so that they match `wanted`. Only notes with the marker are touched.
 */
export function reconcileNotes(state: NoteState, wanted: ReadonlyMap<string, string>, cells: Iterable<string>): NotePlan {
  const plan: NotePlan = { update: [], remove: [], add: [], kept: [] };
  for (const cell of new Set(cells)) {
    const note = state.notes.get(cell);
    const want = wanted.get(cell);
    if (note && !note.ours) {
      if (want !== undefined) plan.kept.push(cell);
    } else if (note) {
      if (want === undefined) plan.remove.push(note.item());
      else if (note.content !== want) plan.update.push({ item: note.item(), content: want });
    } else if (want !== undefined) {
      if (state.comments.has(cell)) plan.kept.push(cell);
      else plan.add.push([cell, want]);
    }
  }
  return plan;
}

/**
 * A note's size in points for its text. Notes added by the API keep Excel's default box
 * (office-js #5820: they do not autosize), which cuts our messages off: about 6 points per
 * character up to a 360-point width, 14 points per wrapped line.
 */
export function noteSize(content: string): { width: number; height: number } {
  const lines = content.split("\n");
  const longest = Math.max(...lines.map((l) => l.length));
  const width = Math.min(360, Math.max(144, Math.ceil(longest * 6) + 12));
  const perLine = Math.max(1, Math.floor((width - 12) / 6));
  const wrapped = lines.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / perLine)), 0);
  return { width, height: Math.min(480, Math.max(60, wrapped * 14 + 12)) };
}

function size(note: Excel.Note, content: string): void {
  const s = noteSize(content);
  note.width = s.width;
  note.height = s.height;
}

/**
 * Queues updates and removals; additions are queued by the caller, last and in slices.
 * `sized`: set each note's box to its text (Note.width/height, not on Excel on the web).
 */
export function queueNoteChanges(plan: NotePlan, sized = false): void {
  for (const u of plan.update) {
    u.item.content = u.content;
    if (sized) size(u.item, u.content);
  }
  for (const r of plan.remove) r.delete();
}

export function queueNoteAdditions(ws: Excel.Worksheet, additions: readonly [string, string][], sized = false): void {
  for (const [cell, content] of additions) {
    const note = ws.notes.add(cell, content);
    if (sized) size(note, content);
  }
}

/**
 * The notes of a sheet, read in pages: Office.js tells where a note is only through
 * `Note.getLocation()`, one call per note, so a sheet's notes and threaded comments are read
 * in syncs of at most NOTE_CALLS_PER_SYNC calls (named exception: note paging), none when
 * the sheets have none. Also which cells a batch's notes concern.
 */
import type { Area } from "../engine/snapshot";
import type { SheetEvaluation } from "../engine/evaluate";
import { cellAddress } from "../engine/address";
import { queueNoteState, type NoteCounts, type NoteState, type SheetDecorations } from "./decorations";

/**
 * Note calls per sync. A note call carries its text (a few hundred bytes with the request's
 * framing); 3,000 of them stay near 1 MB, well below Excel on the web's 5 MB request limit.
 */
export const NOTE_CALLS_PER_SYNC = 3000;

/** With the whole sheet's notes known: every cell with a note or a wanted note is reconciled. */
export function everyNoteCell(notes: NoteState | null, wanted: SheetDecorations): string[] {
  return notes ? [...notes.notes.keys(), ...wanted.notes.keys()] : [];
}

/**
 * Every note's text and location, and every threaded comment's location, of these sheets:
 * syncs of at most NOTE_CALLS_PER_SYNC calls; none when no sheet has a note or comment.
 */
export async function readNoteStates(
context: Excel.RequestContext,
sheets: { name: string; counts: NoteCounts | null }[],
idOf: (name: string) => string,
sync: () => Promise<void>,
): Promise<Map<string, NoteState>> {
  const out = new Map<string, NoteState>();
  const work: { name: string; counts: NoteCounts; from: number; to: number }[] = [];
  for (const s of sheets) {
    if (!s.counts) continue;
    out.set(s.name, { notes: new Map(), comments: new Set() });
    const n = Math.max(s.counts.notes, s.counts.comments);
    for (let from = 0; from < n; from += NOTE_CALLS_PER_SYNC) work.push({ name: s.name, counts: s.counts, from, to: from + NOTE_CALLS_PER_SYNC });
  }
  const size = (w: (typeof work)[number]): number =>
    Math.max(0, Math.min(w.to, w.counts.notes) - w.from) + Math.max(0, Math.min(w.to, w.counts.comments) - w.from);
  let i = 0;
  while (i < work.length) {
    let calls = 0;
    const queued: { name: string; q: { read(into: NoteState): void } }[] = [];
    while (i < work.length && (queued.length === 0 || calls + size(work[i]) <= NOTE_CALLS_PER_SYNC)) {
      const w = work[i++];
      calls += size(w);
      queued.push({ name: w.name, q: queueNoteState(context.workbook.worksheets.getItem(idOf(w.name)), w.counts, w.from, w.to) });
    }
    // One sync per slice: a note call carries its text, and the request must stay below 5 MB.
    await sync();
    for (const x of queued) x.q.read(out.get(x.name)!);
  }
  return out;
}

/** The table cells of the rows these areas touch (where this batch's flags can change). */
export function rowCells(evaluation: SheetEvaluation, areas: readonly Area[]): string[] {
  const out = new Set<string>();
  for (const t of evaluation.tables) {
    for (const a of areas) {
      for (let row = Math.max(a.top, t.table.headerTop); row <= Math.min(a.bottom, t.table.lastDataRow); row++) {
        for (let col = t.table.left; col <= t.table.right; col++) {
          out.add(cellAddress(row, col));
          if (out.size >= NOTE_CALLS_PER_SYNC) return [...out];
        }
      }
    }
  }
  return [...out];
}

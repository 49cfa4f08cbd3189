/**
 * Batched reading of worksheets into engine snapshots.
 *
 * One `context.sync()` reads every sheet when the payload allows: per sheet, the part of
 * its used range (values only) inside a read window, its merged areas, and whatever the
 * caller queues beside it (the decoration state). Only a sheet larger than its window is
 * read further, in row chunks, several sheets per sync, each sync kept under a cell budget
 * so the response stays below Excel on the web's 5 MB limit.
 *
 * The window of a sheet whose used range is known from the previous read is that range's
 * first chunk; for a sheet read for the first time it is anchored at A1.
 */
import type { Area, SheetSnapshot } from "../engine/snapshot";
import { areaOfAddress, areasOfAddress, snapshotFromBlocks, type RangeBlock, type RangeData } from "./snapshot-from-range";

/**
 * Cells per sync. Each cell costs its value, formula, value type and number format in the
 * JSON response, about 40–60 bytes for these sheets; 50,000 cells stay near 2.5 MB, half
 * of Excel on the web's 5 MB request/response limit.
 */
export const CELL_BUDGET = 50_000;
/** Columns of the A1-anchored window for a sheet whose used range is not known yet. */
const FIRST_WINDOW_COLS = 64;


export interface SheetToRead {
  name: string;
  /** The used range from the previous read: null = empty sheet, undefined = not known. */
  known?: Area | null;
}

export interface SheetRead {
  name: string;
  snapshot: SheetSnapshot;
  used: Area | null;
  /** Syncs this sheet's content took (1 unless it was chunked). */
  syncs: number;
}

export interface ReadResult {
  sheets: SheetRead[];
  /** Names asked for that no longer exist. */
  missing: string[];
  /** Syncs used in total, the first included. */
  syncs: number;
}

function width(a: Area): number {
  return a.right - a.left + 1;
}

/** The window read with the first sync, sized to a share of the budget. */
function firstWindow(known: Area | null | undefined, share: number): Area {
  if (known) {
    const rows = Math.max(1, Math.floor(share / width(known)));
    return { top: known.top, left: known.left, bottom: Math.min(known.bottom, known.top + rows - 1), right: known.right };
  }
  const rows = Math.max(1, Math.floor(share / FIRST_WINDOW_COLS));
  return { top: 1, left: 1, bottom: rows, right: FIRST_WINDOW_COLS };
}

function intersect(a: Area, b: Area): Area | null {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.bottom, b.bottom);
  const right = Math.min(a.right, b.right);
  return top <= bottom && left <= right ? { top, left, bottom, right } : null;
}

/** `used` minus `done` (a sub-rectangle of it sharing its top-left or not) as rectangles. */
export function remainder(used: Area, done: Area | null): Area[] {
  if (!done) return [used];
  const out: Area[] = [];
  if (done.top > used.top) out.push({ top: used.top, left: used.left, bottom: done.top - 1, right: used.right });
  if (done.bottom < used.bottom) out.push({ top: done.bottom + 1, left: used.left, bottom: used.bottom, right: used.right });
  if (done.left > used.left) out.push({ top: done.top, left: used.left, bottom: done.bottom, right: done.left - 1 });
  if (done.right < used.right) out.push({ top: done.top, left: done.right + 1, bottom: done.bottom, right: used.right });
  return out;
}

/** Row bands of at most `budget` cells each. */
export function chunkRows(area: Area, budget: number): Area[] {
  const rows = Math.max(1, Math.floor(budget / width(area)));
  const out: Area[] = [];
  for (let top = area.top; top <= area.bottom; top += rows) out.push({ ...area, top, bottom: Math.min(area.bottom, top + rows - 1) });
  return out;
}

function rangeAt(ws: Excel.Worksheet, a: Area): Excel.Range {
  return ws.getRangeByIndexes(a.top - 1, a.left - 1, a.bottom - a.top + 1, a.right - a.left + 1);
}

function dataOf(r: Excel.Range): RangeData {
  return { values: r.values, formulas: r.formulas, valueTypes: r.valueTypes as string[][], numberFormat: r.numberFormat };
}

/**
 * Reads the sheets. `alongside` queues other loads for each sheet into the first sync (it
 * runs before that sync; its result is read by the caller after this resolves).
 */
export async function readSheets(
  context: Excel.RequestContext,
  sheets: readonly SheetToRead[],
  alongside?: (ws: Excel.Worksheet, name: string) => void,
  budget: number = CELL_BUDGET,
): Promise<ReadResult> {
  const share = Math.max(1000, Math.floor(budget / Math.max(1, sheets.length)));
  const queued = sheets.map((s) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(s.name);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("address");
    const window = firstWindow(s.known, share);
    const piece = used.getIntersectionOrNullObject(rangeAt(ws, window));
    piece.load("address,values,formulas,valueTypes,numberFormat");
    const merged = ws.getRange().getMergedAreasOrNullObject();
    merged.load("address");
    return { s, ws, used, piece, merged };
  });
  // The sheets' other state (decorations) rides in the same sync. A sheet deleted since its
  // name was read is a null object, and the caller's loads on it fail the sync: the session
  // then reads the names again and retries the check once.
  for (const q of queued) if (alongside) alongside(q.ws, q.s.name);
  await context.sync();
  let syncs = 1;

  const missing: string[] = [];
  const state = new Map<string, { used: Area | null; blocks: RangeBlock[]; merges: Area[]; todo: Area[]; syncs: number }>();
  for (const q of queued) {
    if (q.ws.isNullObject) {
      missing.push(q.s.name);
      continue;
    }
    const used = q.used.isNullObject ? null : areaOfAddress(q.used.address);
    const blocks: RangeBlock[] = [];
    let done: Area | null = null;
    if (!q.piece.isNullObject) {
      done = areaOfAddress(q.piece.address);
      blocks.push({ top: done.top, left: done.left, data: dataOf(q.piece) });
    }
    const merges = q.merged.isNullObject ? [] : areasOfAddress(q.merged.address);
    const todo = used ? remainder(used, done && intersect(done, used)).flatMap((a) => chunkRows(a, budget)) : [];
    state.set(q.s.name, { used, blocks, merges, todo, syncs: 1 });
  }

  // Large sheets: the rest in row chunks, packed into syncs of at most `budget` cells.
  const pending = [...state.entries()].flatMap(([name, st]) => st.todo.map((area) => ({ name, area })));
  while (pending.length > 0) {
    let cells = 0;
    const batch: { name: string; area: Area; range: Excel.Range }[] = [];
    while (pending.length > 0) {
      const next = pending[0];
      const size = (next.area.bottom - next.area.top + 1) * width(next.area);
      if (batch.length > 0 && cells + size > budget) break;
      pending.shift();
      cells += size;
      const range = rangeAt(context.workbook.worksheets.getItem(next.name), next.area);
      range.load(["values", "formulas", "valueTypes", "numberFormat"]);
      batch.push({ ...next, range });
    }
    // One sync per budget-sized slice of a large sheet: a bigger request would exceed the web's 5 MB.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    syncs++;
    const counted = new Set<string>();
    for (const b of batch) {
      const st = state.get(b.name)!;
      st.blocks.push({ top: b.area.top, left: b.area.left, data: dataOf(b.range) });
      if (!counted.has(b.name)) {
        st.syncs++;
        counted.add(b.name);
      }
    }
  }

  const out: SheetRead[] = [];
  for (const s of sheets) {
    const st = state.get(s.name);
    if (!st) continue;
    out.push({ name: s.name, used: st.used, syncs: st.syncs, snapshot: snapshotFromBlocks(s.name, st.used, st.blocks, st.merges) });
  }
  return { sheets: out, missing, syncs };
}

/** The names of the workbook's worksheets, in tab order: one sync. */
export async function readSheetNames(context: Excel.RequestContext): Promise<{ name: string; id: string }[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/id");
  await context.sync();
  return sheets.items.map((w) => ({ name: w.name, id: w.id }));
}

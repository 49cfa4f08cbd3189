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
 *
 * Beside the cells, the first sync reads what the snapshot needs of the sheet's structure,
 * the way the file reader fills it (src/engine/snapshot.ts):
 * - merged areas in bands of MERGE_BAND_ROWS whole rows, plus one band for the rows below
 *   the window: `getMergedAreasOrNullObject` fails above 512 merged areas (its remark in
 *   @types/office-js) and returns the areas whose top-left cell is in the range
 *   (office-js #3611), so bands never count an area twice. A band that fails anyway makes
 *   the read start again with bands a quarter as high (named exception: merge bands);
 * - hidden rows and columns of the used range: the complement of its visible cells
 *   (`getSpecialCellsOrNullObject("Visible")`, ExcelApi 1.9);
 * - Excel Tables (`Worksheet.tables`: name, header/totals rows, filter button, ExcelApi
 *   1.1–1.9); a table's range needs one more sync, taken only when a sheet has tables.
 * A sync refused for its payload (`ResponsePayloadSizeLimitExceeded` or
 * `RequestPayloadSizeLimitExceeded`, Excel on the web's 5 MB) is retried with the cell
 * budget halved (named exception: payload retry).
 */
import type { Area, SheetSnapshot, SheetTable, Span } from "../engine/snapshot";
import { normalizeSpans } from "../engine/snapshot";
import { areaOfAddress, areasOfAddress, snapshotFromBlocks, type RangeBlock, type RangeData } from "./snapshot-from-range";

/**
 * Cells per sync. Each cell costs its value, formula, value type and number format in the
 * JSON response, about 40–60 bytes for these sheets; 50,000 cells stay near 2.5 MB, half
 * of Excel on the web's 5 MB request/response limit.
 */
export const CELL_BUDGET = 50_000;
/**
 * Bytes per sync for cell data: half of Excel on the web's 5 MB. Cells of long text cost
 * far more than 60 bytes, so the chunks after the first sync are sized from the bytes per
 * cell that sync measured, not from the cell count alone.
 */
export const BYTE_BUDGET = 2.5 * 1024 * 1024;
/** Columns of the A1-anchored window for a sheet whose used range is not known yet. */
const FIRST_WINDOW_COLS = 64;
/** Rows per merged-areas band: 512 merges in 256 rows takes two merges in every row. */
export const MERGE_BAND_ROWS = 256;
const MAX_ROW = 1048576;

/** Errors of a request or response above Excel on the web's 5 MB: worth a retry with less. */
export const PAYLOAD_ERRORS: readonly string[] = ["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded"];

export function isPayloadError(e: unknown): boolean {
  return typeof e === "object" && e !== null && PAYLOAD_ERRORS.includes(String((e as { code?: unknown }).code));
}

/** The request failed at a merged-areas call (more than 512 merged areas in a band). */
export function isMergeLimitError(e: unknown): boolean {
  const where = (e as { debugInfo?: { errorLocation?: unknown } } | null)?.debugInfo?.errorLocation;
  return typeof where === "string" && /getMergedAreasOrNullObject/i.test(where);
}


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

/** Named exceptions to one read sync, for the sync log. */
export interface ReadRetries {
  mergeBands: number;
  payload: number;
  tables: number;
}

export interface ReadResult {
  sheets: SheetRead[];
  /** Names asked for that no longer exist. */
  missing: string[];
  /** Syncs used in total, the first included (retries not counted: see `retries`). */
  syncs: number;
  retries: ReadRetries;
  /** JSON bytes per cell of the data read (values, formulas, types, formats): sizes the next read. */
  bytesPerCell: number | null;
}

/** The cell budget for data of `bytesPerCell` (null: not measured yet). */
export function cellBudgetFor(bytesPerCell: number | null): number {
  if (!bytesPerCell || !(bytesPerCell > 0)) return CELL_BUDGET;
  return Math.max(500, Math.min(CELL_BUDGET, Math.floor(BYTE_BUDGET / bytesPerCell)));
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

/** Whole-row bands from `from` to `to`, `rows` high. */
function bands(from: number, to: number, rows: number): Area[] {
  const out: Area[] = [];
  for (let top = from; top <= to; top += rows) out.push({ top, left: 1, bottom: Math.min(to, top + rows - 1), right: 16384 });
  return out;
}

function queueMerges(ws: Excel.Worksheet, areas: readonly Area[]): Excel.RangeAreas[] {
  return areas.map((a) => {
    const m = ws.getRange(`${a.top}:${a.bottom}`).getMergedAreasOrNullObject();
    m.load("address");
    return m;
  });
}

function readMerges(list: readonly Excel.RangeAreas[]): Area[] {
  const seen = new Set<string>();
  const out: Area[] = [];
  for (const m of list) {
    if (m.isNullObject) continue;
    for (const a of areasOfAddress(m.address)) {
      const k = `${a.top},${a.left},${a.bottom},${a.right}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push(a);
      }
    }
  }
  return out;
}

/** Hidden rows and columns of `used`, from its visible cells' areas. */
function hiddenOf(used: Area, visible: readonly Area[] | null): { rows: Span[]; cols: Span[] } {
  if (visible === null) return { rows: [{ from: used.top, to: used.bottom }], cols: [] };
  const complement = (from: number, to: number, shown: Span[]): Span[] => {
    const out: Span[] = [];
    let next = from;
    for (const s of normalizeSpans(shown)) {
      if (s.from > next) out.push({ from: next, to: Math.min(to, s.from - 1) });
      next = Math.max(next, s.to + 1);
    }
    if (next <= to) out.push({ from: next, to });
    return out;
  };
  return {
    rows: complement(used.top, used.bottom, visible.map((a) => ({ from: a.top, to: a.bottom }))),
    cols: complement(used.left, used.right, visible.map((a) => ({ from: a.left, to: a.right }))),
  };
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
  bandRows: number = MERGE_BAND_ROWS,
): Promise<ReadResult> {
  try {
    return await readSheetsOnce(context, sheets, alongside, budget, bandRows);
  } catch (e) {
    // Named exceptions, each retried with less per sync: a band of more than 512 merged
    // areas, and a request or response above 5 MB. Anything else is the caller's.
    if (isMergeLimitError(e) && bandRows > 1) {
      const r = await readSheets(context, sheets, alongside, budget, Math.max(1, Math.floor(bandRows / 4)));
      return { ...r, retries: { ...r.retries, mergeBands: r.retries.mergeBands + 1 } };
    }
    if (isPayloadError(e) && budget > 500) {
      const r = await readSheets(context, sheets, alongside, Math.floor(budget / 2), bandRows);
      return { ...r, retries: { ...r.retries, payload: r.retries.payload + 1 } };
    }
    throw e;
  }
}

async function readSheetsOnce(
  context: Excel.RequestContext,
  sheets: readonly SheetToRead[],
  alongside: ((ws: Excel.Worksheet, name: string) => void) | undefined,
  budget: number,
  bandRows: number,
): Promise<ReadResult> {
  const retries: ReadRetries = { mergeBands: 0, payload: 0, tables: 0 };
  const share = Math.max(1000, Math.floor(budget / Math.max(1, sheets.length)));
  const queued = sheets.map((s) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(s.name);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("address");
    const window = firstWindow(s.known, share);
    const piece = used.getIntersectionOrNullObject(rangeAt(ws, window));
    piece.load("address,values,formulas,valueTypes,numberFormat");
    // Merges: bands over the window's rows, one more band for every row below it.
    const windowBottom = Math.min(window.bottom, MAX_ROW);
    const merged = queueMerges(ws, [...bands(1, windowBottom, bandRows), ...(windowBottom < MAX_ROW ? [{ top: windowBottom + 1, left: 1, bottom: MAX_ROW, right: 16384 }] : [])]);
    const visible = used.getSpecialCellsOrNullObject("Visible");
    visible.load("address");
    const tables = ws.tables.load("items/name,items/showHeaders,items/showTotals,items/showFilterButton");
    return { s, ws, used, piece, merged, visible, tables };
  });
  // The sheets' other state (decorations) rides in the same sync. A sheet deleted since its
  // name was read is a null object, and the caller's loads on it fail the sync: the session
  // then reads the names again and retries the check once.
  for (const q of queued) if (alongside) alongside(q.ws, q.s.name);
  await context.sync();
  let syncs = 1;

  const missing: string[] = [];
  const state = new Map<string, { used: Area | null; done: Area | null; blocks: RangeBlock[]; merges: Area[]; todo: Area[]; syncs: number; hidden: { rows: Span[]; cols: Span[] }; tables: SheetTable[] }>();
  let measuredBytes = 0;
  let measuredCells = 0;
  const tableRanges: { name: string; meta: Excel.Table; range: Excel.Range }[] = [];
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
      const data = dataOf(q.piece);
      blocks.push({ top: done.top, left: done.left, data });
      measuredBytes += JSON.stringify(data).length;
      measuredCells += (done.bottom - done.top + 1) * width(done);
    }
    const merges = readMerges(q.merged);
    const todo: Area[] = [];
    const hidden = used ? hiddenOf(used, q.visible.isNullObject ? null : areasOfAddress(q.visible.address)) : { rows: [], cols: [] };
    q.tables.items.forEach((t, i) => {
      const range = q.ws.tables.getItemAt(i).getRange();
      range.load("address");
      tableRanges.push({ name: q.s.name, meta: t, range });
    });
    state.set(q.s.name, { used, done, blocks, merges, todo, syncs: 1, hidden, tables: [] });
  }
  // The rest of each large sheet in chunks sized by bytes: the first sync measured them.
  const bytesPerCell = measuredCells > 0 ? measuredBytes / measuredCells : null;
  const chunkBudget = Math.min(budget, cellBudgetFor(bytesPerCell));
  for (const st of state.values()) {
    if (st.used) st.todo = remainder(st.used, st.done && intersect(st.done, st.used)).flatMap((a) => chunkRows(a, chunkBudget));
  }
  if (tableRanges.length > 0) {
    // Named exception: a table's range is not a property, so it takes a sync of its own.
    await context.sync();
    retries.tables++;
    for (const t of tableRanges) {
      state.get(t.name)!.tables.push({
        name: t.meta.name,
        area: areaOfAddress(t.range.address),
        headerRows: t.meta.showHeaders ? 1 : 0,
        totalsRows: t.meta.showTotals ? 1 : 0,
        autoFilter: t.meta.showFilterButton,
      });
    }
  }

  // Large sheets: the rest in row chunks, packed into syncs of at most `budget` cells.
  const pending = [...state.entries()].flatMap(([name, st]) => st.todo.map((area) => ({ name, area })));
  while (pending.length > 0) {
    let cells = 0;
    const batch: { name: string; area: Area; range: Excel.Range }[] = [];
    while (pending.length > 0) {
      const next = pending[0];
      const size = (next.area.bottom - next.area.top + 1) * width(next.area);
      if (batch.length > 0 && cells + size > chunkBudget) break;
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
    out.push({ name: s.name, used: st.used, syncs: st.syncs, snapshot: snapshotFromBlocks(s.name, st.used, st.blocks, st.merges, { hiddenRows: st.hidden.rows, hiddenCols: st.hidden.cols, tables: st.tables }) });
  }
  return { sheets: out, missing, syncs, retries, bytesPerCell };
}

/** The names of the workbook's worksheets, in tab order: one sync. */
export async function readSheetNames(context: Excel.RequestContext): Promise<{ name: string; id: string }[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/id");
  await context.sync();
  return sheets.items.map((w) => ({ name: w.name, id: w.id }));
}

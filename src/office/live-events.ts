/**
 * Reading Excel's worksheet events: which cells an event's address names (or that it names
 * whole rows or columns, a structural change), the first cell of a selection, and the
 * budget of recalculation batches.
 */
import type { Area } from "../engine/snapshot";
import { cellAddress, columnNumber, rangeAddress } from "../engine/address";
import { areaOfAddress } from "./snapshot-from-range";

/** The shortest time between two batches started by recalculations, ms. */
export const CALC_INTERVAL_MS = 2000;

export function intersectArea(a: Area, b: Area): Area | null {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.bottom, b.bottom);
  const right = Math.min(a.right, b.right);
  return top <= bottom && left <= right ? { top, left, bottom, right } : null;
}

/**
 * The cell areas of an event address, or null when it names whole rows or columns (`3:3`,
 * `A:C`: rows or columns inserted or deleted, a whole row pasted), which the caller treats as
 * a structural change.
 */
export function eventAreas(address: string): Area[] | null {
  const out: Area[] = [];
  for (const part of address.split(",")) {
    const bare = part.slice(part.lastIndexOf("!") + 1).replace(/\$/g, "").trim();
    if (!bare) continue;
    if (!/^[A-Za-z]{1,3}\d+(:[A-Za-z]{1,3}\d+)?$/.test(bare)) return null;
    out.push(areaOfAddress(bare));
  }
  return out;
}

/** The first cell of a selection address, whole rows and columns included (`3:3` → A3). */
export function firstCell(address: string): string | null {
  const bare = address.split(",")[0].slice(address.split(",")[0].lastIndexOf("!") + 1).replace(/\$/g, "").split(":")[0].trim();
  if (/^[A-Za-z]{1,3}\d+$/.test(bare)) return bare.toUpperCase();
  if (/^\d+$/.test(bare)) return `A${bare}`;
  if (/^[A-Za-z]{1,3}$/.test(bare)) return cellAddress(1, columnNumber(bare));
  return null;
}


/** What a live batch has to do: per sheet the addresses to read, or a whole re-read. */
export interface PendingWork {
  pending: Map<string, Set<string>>;
  full: Set<string>;
  /** A change made here is among them (not only co-authors'): only then does the batch write. */
  local: boolean;
}

/** A sheet as the live classification needs it. */
export interface LiveSheet {
  name: string;
  used: Area | null;
  /** The recognised tables' areas (header top to last data row). */
  tables: Area[];
}

/**
 * The changes waiting for the next live batch, and when it may run: edits are debounced;
 * recalculations are filtered to table cells and budgeted (one batch per CALC_INTERVAL_MS).
 * Returns the delay before the batch, or null when the event needs no batch.
 */
export class LiveChanges {
  private work: PendingWork = { pending: new Map(), full: new Set(), local: false };
  private calcNotBefore = -Infinity;

  constructor(
    private readonly debounceMs: number,
    private readonly now: () => number,
  ) {}

  private add(sheet: string, address: string): void {
    const set = this.work.pending.get(sheet) ?? new Set<string>();
    set.add(address);
    this.work.pending.set(sheet, set);
  }

  /** An edit (`onChanged`), the add-in's own writes already left out. */
  changed(sheet: LiveSheet, e: { address: string; changeType?: string; source?: string }): number {
    // A co-author's edit (co-authoring raises it in every open pane): re-evaluate, but leave
    // the flags to the pane of the one who typed, so that panes do not all write at once.
    if (e.source !== "Remote") this.work.local = true;
    // `details` is absent for pastes and multi-cell edits: only the address is used. Rows or
    // columns inserted or deleted move notes and cells: the sheet is read again.
    const areas = eventAreas(e.address);
    const used = sheet.used;
    // Beyond the known used range (a paste below the table, a whole-column range like
    // K1:K1048576): read the sheet again, in chunks, rather than the addressed cells.
    const outside = areas !== null && (used === null || areas.some((a) => a.top < used.top || a.left < used.left || a.bottom > used.bottom || a.right > used.right));
    const structural = /Inserted|Deleted/.test(String(e.changeType ?? "")) || areas === null || outside;
    if (structural) this.work.full.add(sheet.name);
    else this.add(sheet.name, e.address);
    return this.debounceMs;
  }

  /**
   * A recalculation (`onCalculated`). Filtered: only the recalculated cells inside a
   * recognised table are read again (a sheet-wide recalculation, no address, reads the
   * tables' cells, never the whole sheet). Budgeted: at most one recalculation batch per
   * CALC_INTERVAL_MS, so volatile formulas (NOW, RAND), which recalculate at every change,
   * cost one round trip per interval at most; such a batch writes only when the flags
   * change, and a write does not recalculate, so there is no loop.
   */
  calculated(sheet: LiveSheet, e: { address?: string }): number | null {
    const areas = e.address ? eventAreas(e.address) : null;
    const hits = (areas ?? sheet.tables).flatMap((a) => sheet.tables.map((t) => intersectArea(a, t)).filter((x): x is Area => x !== null));
    if (hits.length === 0) return null;
    for (const h of hits) this.add(sheet.name, rangeAddress(h.top, h.left, h.bottom, h.right));
    this.work.local = true; // a recalculation here is this workbook's, as an edit is
    const wait = Math.max(this.debounceMs, this.calcNotBefore - this.now());
    this.calcNotBefore = this.now() + wait + CALC_INTERVAL_MS;
    return wait;
  }

  /** Sheets with work waiting. */
  sheets(): string[] {
    return [...new Set([...this.work.pending.keys(), ...this.work.full])];
  }

  /** Hands the waiting work to a batch and starts afresh. */
  take(): PendingWork {
    const w = this.work;
    this.work = { pending: new Map(), full: new Set(), local: false };
    return w;
  }

  /** A failed batch's sheets, to be read again in full by the next attempt. */
  again(sheets: readonly string[], local: boolean): void {
    for (const n of sheets) this.work.full.add(n);
    if (local) this.work.local = true;
  }

  get local(): boolean {
    return this.work.local;
  }
}

/**
 * One open workbook: reads it in batched round trips, runs the engine, writes the flags,
 * keeps bindings in the workbook, and re-evaluates live while the user types.
 *
 * Round trips (each `context.sync()` is logged in `syncLog`):
 * - check: the sheet names and bindings part ids the first time (`names`); then one read
 *   sync for every sheet, its conditional formats, its note and comment counts and the
 *   bindings part (`read`; row `chunk`s for sheets above the cell budget); one sync for
 *   every note's text and location when the sheet has notes or comments (`notes`: Office.js
 *   tells where a note is only through `getLocation()`, and a note's text does not say
 *   where it is, since rows move); and one write sync (`write`), skipped when nothing changes.
 * - edit batch: one read sync (the changed cells, the sheet's formats and the notes of the
 *   changed rows' cells) and one write sync. A structural change (rows inserted or deleted,
 *   cells outside the known used range) reads the sheet again, as a check does.
 * The engine is pure; this module only moves data between it and Excel. Batches run one
 * at a time (a queue), so a live batch never interleaves with a check.
 */
import type { Area, SheetSnapshot, WorkbookSnapshot } from "../engine/snapshot";
import { overrideKey, type EvaluationSettings, type SheetEvaluation } from "../engine/evaluate";
import type { CellChange } from "../engine/incremental";
import { reportEvaluation, type Finding, type WorkbookReport } from "../engine/report";
import { localEngine, type Checked, type Engine, type RuleOptions } from "./engine";
import type { RowOverrides } from "../engine/measure/measure";
import { cellAddress, columnNumber, rangeAddress } from "../engine/address";
import { reanchorOverrides } from "../engine/anchors";
import { isFindingsSheetTitle } from "../engine/flag-style";
import type { CellRef, CheckSettings, Notice, PaneHost, PaneState } from "../settings/pane-host";
import { readSheetNames, readSheets, type SheetToRead } from "./read-sheets";
import { areaOfAddress, cellsOfBlock } from "./snapshot-from-range";
import {
  planDecorations,
  queueCellNotes,
  queueFormatState,
  queueFormatWrites,
  queueNoteAdditions,
  queueNoteChanges,
  queueNoteCounts,
  queueNoteState,
  reconcileNotes,
  type NoteCounts,
  type NoteState,
  type OurFormat,
  type SheetDecorations,
} from "./decorations";
import { chooseBindings, emptyBindings, queueBindingPartIds, queueBindingXml, queueBindingsWrite, type Bindings, type BoundTable, type StoredBindings } from "./bindings";
import { planCapaianColumn, queueCapaianColumn } from "./capaian-column";

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

interface SheetState {
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
interface SheetWrite {
  sheet: SheetState;
  formats: OurFormat[];
  wanted: SheetDecorations;
  /** What is known of the sheet's notes; null without the notes API. */
  notes: NoteState | null;
  /** The cells whose notes `notes` knows and this write reconciles. */
  cells: Iterable<string>;
}

/** The shortest time between two batches started by recalculations, ms. */
export const CALC_INTERVAL_MS = 2000;

function intersectArea(a: Area, b: Area): Area | null {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.bottom, b.bottom);
  const right = Math.min(a.right, b.right);
  return top <= bottom && left <= right ? { top, left, bottom, right } : null;
}

/**
 * Note calls per sync. A note call carries its text (a few hundred bytes with the request's
 * framing); 3,000 of them stay near 1 MB, well below Excel on the web's 5 MB request limit.
 */
const NOTE_CALLS_PER_SYNC = 3000;

/** With the whole sheet's notes known: every cell with a note or a wanted note is reconciled. */
function everyNoteCell(notes: NoteState | null, wanted: SheetDecorations): string[] {
  return notes ? [...notes.notes.keys(), ...wanted.notes.keys()] : [];
}

function settingsOf(b: Bindings, overrides: Record<string, RowOverrides>): EvaluationSettings {
  return { bandSet: b.settings.bandSet, negativeFormula: b.settings.negativeFormula, overrides };
}

function overridesByKey(b: Bindings): Record<string, RowOverrides> {
  const out: Record<string, RowOverrides> = {};
  for (const o of b.overrides) out[overrideKey(o.sheet, o.row)] = o.overrides;
  return out;
}

function tablesOf(evaluations: readonly SheetEvaluation[]): BoundTable[] {
  return evaluations.flatMap((e) =>
    e.tables.map((t) => ({
      sheet: e.sheet.name,
      header: rangeAddress(t.table.headerTop, t.table.left, t.table.headerBottom, t.table.right),
      data: rangeAddress(t.table.firstDataRow, t.table.left, t.table.lastDataRow, t.table.right),
      kind: t.table.kind,
    })),
  );
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

export class WorkbookSession implements PaneHost {
  readonly syncLog: { batch: string; kind: SyncKind }[] = [];
  private sheets = new Map<string, SheetState>();
  private names: { name: string; id: string }[] | null = null;
  private partIds: string[] | null = null;
  private stored: (StoredBindings & { extra: string[] }) | null = null;
  private notices: Notice[] = [];
  private noticeSeen = new Set<string>();
  private lang: "id" | "en";
  private checkedAt = 0;
  /** "Hapus tanda" was pressed: no flags are written until the next check. */
  private cleared = false;
  /** Every batch runs after the one before it. */
  private queue: Promise<unknown> = Promise.resolve();
  // Live state
  private handlers: OfficeExtension.EventHandlerResult<unknown>[] = [];
  private pending = new Map<string, Set<string>>();
  private fullReread = new Set<string>();
  /** A change made here (not a co-author's) is pending: only then does a live batch write. */
  private localPending = false;
  /** The earliest time a recalculation may start a live batch (onCalculated's budget). */
  private calcNotBefore = -Infinity;
  /** Flagged cells without a note because of the per-sheet cap, `sheet!cell`. */
  private beyondCap = new Map<string, string[]>();
  private timer: unknown = null;
  private lastWriteAt = -Infinity;
  private stateListeners = new Set<(s: PaneState) => void>();
  private selectionListeners = new Set<(r: CellRef) => void>();
  private readonly debounceMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (h: unknown) => void;
  private readonly now: () => number;
  private readonly runIn: ExcelContextRunner;
  private readonly live: boolean;
  private readonly engine: Engine;
  /** Sheets whose handlers are registered, to re-register only when that set changes. */
  private liveSheets = "";

  constructor(
    private readonly run: ExcelRunner,
    readonly capabilities: Capabilities,
    options: SessionOptions = {},
  ) {
    this.lang = options.lang ?? "id";
    this.debounceMs = options.debounceMs ?? 400;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.now = options.now ?? (() => Date.now());
    this.runIn = options.runIn ?? ((context, batch) => batch(context));
    this.live = options.live ?? false;
    this.engine = options.engine ?? localEngine;
    if (!capabilities.notes) this.notice({ id: "notes-unsupported" });
  }

  /**
   * The options of every batch: `delayForCellEdit`, since the user may be typing in a cell
   * whenever any batch starts (a live re-check, the ribbon command, a pane button); and
   * `mergeUndoGroup` where ExcelApi 1.20 has it, so a batch is one undo step. Without it a
   * batch that writes does so in one write sync, which is one undo record.
   */
  private runOptions(): RunOptions {
    return this.capabilities.mergeUndo ? { delayForCellEdit: true, mergeUndoGroup: true } : { delayForCellEdit: true };
  }

  setLanguage(lang: "id" | "en"): void {
    this.lang = lang;
  }

  private notice(n: Notice): void {
    const key = `${n.id}:${n.detail ?? ""}`;
    if (this.noticeSeen.has(key)) return;
    this.noticeSeen.add(key);
    this.notices.push(n);
  }

  private async sync(context: Excel.RequestContext, batch: string, kind: SyncKind): Promise<void> {
    this.syncLog.push({ batch, kind });
    await context.sync();
  }

  /** Runs batches one after another, whoever starts them (the pane, a live event). */
  private serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private get bindings(): Bindings {
    return this.stored?.bindings ?? emptyBindings();
  }

  /**
   * Evaluates a snapshot with the bindings' settings. An override whose row now holds
   * another indicator moves to the row with its indicator's name; one whose name is not on
   * the sheet is not applied (and kept: its table may be back at the next check).
   */
  private async evaluate(sheet: SheetSnapshot, withRules = true): Promise<Checked> {
    const b = this.bindings;
    const checked = await this.engine.check(sheet, settingsOf(b, overridesByKey(b)), withRules ? this.ruleOptions() : null);
    if (!b.overrides.some((o) => o.sheet === sheet.name)) return checked;
    const indicators = checked.evaluation.tables.flatMap((t) => t.indicators.map((i) => ({ row: i.typed.row.row, name: i.typed.row.name })));
    // The user inserted or deleted rows above a table: its overrides follow their indicators
    // (in memory; the part is rewritten only by a check or a change made in the pane).
    const r = reanchorOverrides(b.overrides, sheet.name, indicators);
    for (const o of r.unmatched) this.notice({ id: "binding-entry-ignored", detail: `${o.sheet}!${o.row} ${o.name}` });
    if (!r.moved) return checked;
    const overrides = r.overrides;
    this.stored = { ...this.stored!, bindings: { ...b, overrides } };
    return this.engine.check(sheet, settingsOf(this.bindings, overridesByKey(this.bindings)), withRules ? this.ruleOptions() : null);
  }

  private ruleOptions(): RuleOptions {
    const b = this.bindings;
    return { rules: b.settings.rules, ignored: b.ignored, lang: this.lang };
  }

  /** Evaluates and checks a sheet state again (after a rename or a bindings change). */
  private async recompute(s: SheetState, sheet: SheetSnapshot = s.evaluation.sheet): Promise<void> {
    const checked = await this.evaluate(sheet);
    s.evaluation = checked.evaluation;
    s.findings = checked.findings;
  }

  state(): PaneState {
    const ordered = (this.names ?? []).map((n) => this.sheets.get(n.name)).filter((s): s is SheetState => s !== undefined);
    const report: WorkbookReport = { sheets: ordered.map((s) => reportEvaluation(s.evaluation)), findings: ordered.flatMap((s) => s.findings) };
    const b = this.bindings;
    const beyondNoteCap = ordered.flatMap((s) => (this.beyondCap.get(s.name) ?? []).map((c) => `${s.name}!${c}`));
    return { report, overrides: overridesByKey(b), ignored: [...b.ignored], settings: b.settings, notices: [...this.notices], checkedAt: this.checkedAt, beyondNoteCap };
  }

  /** The snapshots as last read (for tests and the ribbon command). */
  snapshot(): WorkbookSnapshot {
    return { sheets: (this.names ?? []).map((n) => this.sheets.get(n.name)?.evaluation.sheet).filter((s): s is SheetSnapshot => s !== undefined) };
  }

  // --- Check -------------------------------------------------------------------------------

  check(onProgress?: (done: number, total: number) => void): Promise<PaneState> {
    return this.serial(() => this.checkNow(onProgress));
  }

  /** The check itself; runs inside a serial job. */
  private async checkNow(onProgress?: (done: number, total: number) => void): Promise<PaneState> {
    const wasCleared = this.cleared;
    this.cleared = false; // a check puts the flags back
    let state: PaneState;
    try {
      try {
        state = await this.checkOnce(onProgress);
      } catch (e) {
        // A sheet deleted or renamed since its name was read fails the batch: read the names
        // again and retry once; a second failure is the caller's to show.
        if (this.names === null) throw e;
        this.names = null;
        state = await this.checkOnce(onProgress);
      }
    } catch (e) {
      this.cleared = wasCleared;
      throw e;
    }
    if (this.live) {
      const bound = [...this.sheets.values()].filter((s) => s.evaluation.tables.length > 0).map((s) => s.id).join("\u0000");
      if (bound !== this.liveSheets) {
        try {
          await this.startLiveNow();
        } catch (e) {
          // The check itself succeeded: say that live updates are off, and try again next check.
          this.notice({ id: "live-failed", detail: e instanceof Error ? e.message.split("\n")[0].slice(0, 200) : String(e) });
          state = this.state();
        }
      }
    }
    return state;
  }

  /**
   * Sheets renamed (found by their ids), all at once so that two sheets swapping names
   * cannot take each other's state: the states, the names and the bindings follow them, so
   * overrides and ignored findings keep applying. The part is written at the next write.
   */
  private async renameSheets(renames: ReadonlyMap<string, string>): Promise<void> {
    const moving = [...renames].filter(([from, to]) => from !== to && this.sheets.has(from));
    if (moving.length === 0) return;
    const states = moving.map(([from, to]) => ({ s: this.sheets.get(from)!, to }));
    for (const [from] of moving) this.sheets.delete(from);
    for (const { s, to } of states) {
      s.name = to;
      this.sheets.set(to, s);
    }
    const map = new Map(moving);
    const rename = (name: string): string => map.get(name) ?? name;
    this.names = (this.names ?? []).map((n) => ({ ...n, name: rename(n.name) }));
    if (this.stored) {
      const b = this.stored.bindings;
      this.stored = {
        ...this.stored,
        bindings: {
          ...b,
          tables: b.tables.map((t) => ({ ...t, sheet: rename(t.sheet) })),
          overrides: b.overrides.map((o) => ({ ...o, sheet: rename(o.sheet) })),
          ignored: b.ignored.map((k) => {
            // `rule@sheet!cell`: the sheet is between the first "@" and the last "!".
            const at = k.indexOf("@");
            const bang = k.lastIndexOf("!");
            return `${k.slice(0, at)}@${rename(k.slice(at + 1, bang))}${k.slice(bang)}`;
          }),
        },
      };
    }
    for (const { s, to } of states) await this.recompute(s, { ...s.evaluation.sheet, name: to });
  }

  private async namesSync(context: Excel.RequestContext, batch: string): Promise<void> {
    const parts = queueBindingPartIds(context);
    this.syncLog.push({ batch, kind: "names" });
    this.names = await readSheetNames(context);
    this.partIds = parts.read();
  }

  /** Reads the bindings part(s) into `stored`, given the ids read in the same sync. */
  private absorbBindings(parts: { id: string; xml: string }[]): void {
    const stored = chooseBindings(parts);
    for (const p of stored.problems) {
      if (p.kind === "entry-ignored") this.notice({ id: "binding-entry-ignored", detail: p.detail });
      else this.notice({ id: "bindings-damaged", detail: p.kind === "newer-version" ? `${p.detail} (newer)` : p.detail });
    }
    if (stored.extra.length > 0) this.notice({ id: "binding-entry-ignored", detail: `${stored.extra.length} extra part(s)` });
    // Keep overrides re-keyed in memory while the part itself did not change.
    if (stored.extra.length === 0 && this.stored && this.stored.xml === stored.xml && this.stored.partId === stored.partId) return;
    this.stored = stored;
  }

  private async checkOnce(onProgress?: (done: number, total: number) => void): Promise<PaneState> {
    await this.run(this.runOptions(), async (context) => {
      const batch = "check";
      if (!this.names || !this.partIds) await this.namesSync(context, batch);
      const names = this.names!;
      onProgress?.(0, names.length);
      const toRead: SheetToRead[] = names.map((n) => ({ name: n.name, known: this.sheets.get(n.name)?.used }));
      const formats = new Map<string, { read(): OurFormat[] }>();
      const counts = new Map<string, { read(): NoteCounts }>();
      const xml = queueBindingXml(context, this.partIds!);
      const partIds = queueBindingPartIds(context);
      const sheetList = context.workbook.worksheets;
      sheetList.load("items/name,items/id");
      const alongside = (ws: Excel.Worksheet, name: string): void => {
        formats.set(name, queueFormatState(ws));
        if (this.capabilities.notes) counts.set(name, queueNoteCounts(ws));
      };
      this.syncLog.push({ batch, kind: "read" });
      const read = await readSheets(context, toRead, alongside);
      for (let i = 1; i < read.syncs; i++) this.syncLog.push({ batch, kind: "chunk" });
      if (read.syncs > 1) this.notice({ id: "read-chunked", detail: String(read.syncs) });

      // Bindings: a part added meanwhile (another runtime) is read before anything is evaluated.
      let parts = xml.read();
      const ids = partIds.read();
      const fresh = ids.filter((id) => !this.partIds!.includes(id));
      if (fresh.length > 0) {
        const more = queueBindingXml(context, fresh);
        await this.sync(context, batch, "bindings");
        parts = [...parts, ...more.read()];
      }
      this.partIds = ids;
      this.absorbBindings(parts.filter((p) => ids.includes(p.id)));

      const current = sheetList.items.map((w) => ({ name: w.name, id: w.id }));
      let reads = read.sheets;
      const added = current.filter((c) => !names.some((n) => n.name === c.name));
      if (added.length > 0) {
        // Sheets added since the names were read: one more read for them.
        const more = await readSheets(context, added.map((a) => ({ name: a.name })), alongside);
        this.syncLog.push({ batch, kind: "reread" });
        for (let i = 1; i < more.syncs; i++) this.syncLog.push({ batch, kind: "chunk" });
        reads = [...reads, ...more.sheets];
      }
      // Sheets gone (by id) first, so a new sheet that took a deleted one's name is new.
      for (const [name, st] of [...this.sheets]) if (!current.some((c) => c.id === st.id)) this.sheets.delete(name);
      const renames = new Map<string, string>();
      for (const c of current) {
        const before = [...this.sheets.values()].find((x) => x.id === c.id && x.name !== c.name);
        if (before) renames.set(before.name, c.name);
      }
      await this.renameSheets(renames);
      this.names = current;
      for (const name of [...this.sheets.keys()]) if (!current.some((c) => c.name === name)) this.sheets.delete(name);

      const noteStates = await this.readNoteStates(context, batch, reads.map((r) => ({ name: r.name, counts: counts.get(r.name)?.read() ?? null })));

      const writes: SheetWrite[] = [];
      let done = 0;
      for (const r of reads) {
        const { evaluation, findings } = await this.evaluate(r.snapshot);
        const id = current.find((c) => c.name === r.name)?.id ?? "";
        const previous = this.sheets.get(r.name);
        const notes = noteStates.get(r.name) ?? null;
        const sheet: SheetState = {
          name: r.name,
          id,
          used: r.used,
          evaluation,
          findings,
          lastWanted: previous?.lastWanted ?? new Map(),
          comments: notes?.comments ?? new Set(),
        };
        this.sheets.set(r.name, sheet);
        const wanted = this.plan(sheet);
        writes.push({ sheet, formats: formats.get(r.name)!.read(), wanted, notes, cells: everyNoteCell(notes, wanted) });
        if (onProgress) {
          onProgress(++done, reads.length);
          // Let the pane paint its progress bar between sheets of a large workbook.
          await new Promise<void>((resolve) => setTimeout(resolve, 0));
        }
      }
      await this.write(context, batch, writes, () => this.tablesChange());
    });
    this.checkedAt = this.now();
    return this.state();
  }

  /** New bindings when the recognised tables differ from the stored ones (rows moved, a table added), else null. */
  private tablesChange(): Bindings | null {
    const ordered = (this.names ?? []).map((n) => this.sheets.get(n.name)).filter((s): s is SheetState => s !== undefined);
    const tables = tablesOf(ordered.map((s) => s.evaluation));
    return JSON.stringify(tables) === JSON.stringify(this.bindings.tables) ? null : { ...this.bindings, tables };
  }

  /** The add-in's formats and every note and comment of these sheets: a read sync, then the notes syncs. */
  private async readDecorations(context: Excel.RequestContext, batch: string, sheets: readonly { name: string; id: string }[]): Promise<Map<string, { formats: OurFormat[]; notes: NoteState | null }>> {
    const queued = sheets.map((s) => {
      const ws = context.workbook.worksheets.getItem(s.id);
      return { s, formats: queueFormatState(ws), counts: this.capabilities.notes ? queueNoteCounts(ws) : null };
    });
    await this.sync(context, batch, "read");
    const notes = await this.readNoteStates(context, batch, queued.map((q) => ({ name: q.s.name, counts: q.counts?.read() ?? null })));
    return new Map(queued.map((q) => [q.s.name, { formats: q.formats.read(), notes: notes.get(q.s.name) ?? null }]));
  }

  /**
   * Every note's text and location, and every threaded comment's location, of these sheets:
   * syncs of at most NOTE_CALLS_PER_SYNC calls; none when no sheet has a note or comment.
   */
  private async readNoteStates(context: Excel.RequestContext, batch: string, sheets: { name: string; counts: NoteCounts | null }[]): Promise<Map<string, NoteState>> {
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
        queued.push({ name: w.name, q: queueNoteState(context.workbook.worksheets.getItem(this.names?.find((n) => n.name === w.name)?.id || this.sheets.get(w.name)?.id || w.name), w.counts, w.from, w.to) });
      }
      await this.sync(context, batch, "notes");
      for (const x of queued) x.q.read(out.get(x.name)!);
    }
    return out;
  }

  /**
   * Writes every sheet's formats and notes and, when changed, the bindings: one sync (note
   * additions beyond NOTE_CALLS_PER_SYNC get syncs of their own). Skipped when nothing changes.
   */
  private async write(context: Excel.RequestContext, batch: string, writes: SheetWrite[], nextBindings: () => Bindings | null, writePart = true): Promise<void> {
    let changes = 0;
    const additions: { ws: Excel.Worksheet; add: [string, string] }[] = [];
    // After "Hapus tanda" no flag is written until the user checks again.
    for (const w of this.cleared ? [] : writes) {
      // Made only when something is written to the sheet: an unused proxy is sent too.
      let proxy: Excel.Worksheet | null = null;
      const ws = (): Excel.Worksheet => (proxy ??= context.workbook.worksheets.getItem(w.sheet.id || w.sheet.name));
      const f = queueFormatWrites(ws, w.formats, w.wanted.formats);
      changes += f.added + f.removed;
      if (w.notes) {
        const plan = reconcileNotes(w.notes, w.wanted.notes, w.cells);
        queueNoteChanges(plan, this.capabilities.noteSize);
        changes += plan.update.length + plan.remove.length;
        for (const a of plan.add) additions.push({ ws: ws(), add: a });
        for (const c of plan.kept) this.notice({ id: "user-note-kept", detail: `${w.sheet.name}!${c}` });
      }
    }
    // Additions last, in slices: all but the last slice get a sync of their own.
    for (let i = 0; i < additions.length; i += NOTE_CALLS_PER_SYNC) {
      for (const a of additions.slice(i, i + NOTE_CALLS_PER_SYNC)) queueNoteAdditions(a.ws, [a.add], this.capabilities.noteSize);
      changes++;
      if (i + NOTE_CALLS_PER_SYNC < additions.length) await this.sync(context, batch, "write");
    }
    // The part last of all, and any extra part of ours (a race of two runtimes) removed.
    // Whatever changed in memory (tables, re-keyed or merged entries, a rename) is written;
    // queueBindingsWrite writes only when the XML differs from the part's.
    // A live batch never writes the part: writing a custom XML part clears Excel's undo stack
    // (office-js #4484), and re-anchored overrides need no write (they follow by name).
    const next = writePart ? (nextBindings() ?? this.stored?.bindings ?? null) : null;
    const written = next && this.stored ? queueBindingsWrite(context, this.stored, next) : null;
    if (writePart && this.stored && this.stored.extra.length > 0 && !this.stored.readOnly) {
      for (const id of this.stored.extra) context.workbook.customXmlParts.getItem(id).delete();
      changes++;
    }
    if (changes > 0 || written) {
      await this.sync(context, batch, "write");
      this.lastWriteAt = this.now();
      if (written) this.stored = { ...written.read(), extra: [] };
      else if (this.stored && writePart) this.stored = { ...this.stored, extra: [] };
      if (written && this.stored?.partId) this.partIds = [this.stored.partId];
    }
    if (!this.cleared) for (const w of writes) w.sheet.lastWanted = new Map(w.wanted.notes);
  }

  // --- Bindings changes from the pane --------------------------------------------------------

  private changeBindings(change: (b: Bindings) => Bindings): Promise<PaneState> {
    return this.serial(async () => {
      if (!this.stored) await this.checkOnce();
      const next = change(this.bindings);
      const previous = this.stored!;
      this.stored = { ...previous, bindings: next };
      // Re-evaluate from the snapshots in memory (no read of the cells), then write.
      let saved = false;
      try {
        await this.run(this.runOptions(), async (context) => {
          const batch = "bindings";
          const list = [...this.sheets.values()];
          const decorations = await this.readDecorations(context, batch, list);
          const writes: SheetWrite[] = [];
          for (const s of list) {
            await this.recompute(s);
            const wanted = this.plan(s);
            const { formats, notes } = decorations.get(s.name)!;
            writes.push({ sheet: s, formats, wanted, notes, cells: everyNoteCell(notes, wanted) });
          }
          this.stored = previous;
          await this.write(context, batch, writes, () => next);
        });
        saved = true;
      } finally {
        if (!saved) {
          // Not saved in the workbook: the pane must not show it as if it were.
          this.stored = previous;
          for (const s of this.sheets.values()) await this.recompute(s);
        } else if (this.stored === previous) this.stored = { ...previous, bindings: next }; // read-only part: in memory only
      }
      const state = this.state();
      for (const l of this.stateListeners) l(state);
      return state;
    });
  }

  setOverride(sheet: string, row: number, overrides: RowOverrides | null): Promise<PaneState> {
    const name = this.sheets.get(sheet)?.evaluation.tables.flatMap((t) => t.indicators).find((i) => i.typed.row.row === row)?.typed.row.name ?? "";
    return this.changeBindings((b) => {
      const rest = b.overrides.filter((o) => !(o.sheet === sheet && o.row === row));
      const clean = overrides ? Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) : {};
      return { ...b, overrides: Object.keys(clean).length ? [...rest, { sheet, row, name, overrides: clean as RowOverrides }] : rest };
    });
  }

  setIgnored(key: string, ignored: boolean): Promise<PaneState> {
    return this.changeBindings((b) => ({ ...b, ignored: ignored ? [...new Set([...b.ignored, key])] : b.ignored.filter((k) => k !== key) }));
  }

  setSettings(settings: CheckSettings): Promise<PaneState> {
    return this.changeBindings((b) => ({ ...b, settings: { ...settings, rules: { ...settings.rules } } }));
  }

  // --- Explicit writes ----------------------------------------------------------------------

  /**
   * Fills the add-in's own Capaian column of a table with native formulas (one read of the
   * sheet, one write), then checks again so the pane and flags see the new column.
   */
  async fillCapaianColumn(sheet: string, tableIndex: number, col?: number): Promise<CapaianColumnResult> {
    return this.serial(async () => {
    const plan = await this.run(this.runOptions(), async (context) => {
        const known = this.sheets.get(sheet);
        const read = await readSheets(context, [{ name: sheet, known: known?.used }]);
        this.syncLog.push({ batch: "capaian", kind: "read" });
        if (read.sheets.length === 0) throw new Error(`no sheet ${sheet}`);
        const p = planCapaianColumn((await this.evaluate(read.sheets[0].snapshot, false)).evaluation, tableIndex, this.lang, col);
        if (!p.refused && p.header) {
          queueCapaianColumn(context.workbook.worksheets.getItem(sheet), p);
          await this.sync(context, "capaian", "write");
          this.lastWriteAt = this.now();
        }
        return p;
      });
    const state = await this.checkNow();
    return { written: plan.refused ? 0 : plan.cells.filter((c) => c.formula !== "").length, skipped: plan.skipped, refused: plan.refused?.cells ?? null, column: plan.col, state };
    });
  }

  // --- Clearing -----------------------------------------------------------------------------

  /**
   * Removes every format and note the add-in wrote, on every sheet, and the findings sheet
   * of an annotated copy (the CLI's `--out`: a sheet whose A1 is `findingsSheetTitle`).
   * Nothing else of the user's is touched.
   */
  clearFlags(): Promise<number> {
    return this.serial(() =>
      this.run(this.runOptions(), async (context) => {
        const batch = "clear";
        await this.namesSync(context, batch); // a sheet may have been renamed since
        const list = this.names!;
        const titles = list.map((n) => context.workbook.worksheets.getItem(n.id).getRange("A1").load("values"));
        const decorations = await this.readDecorations(context, batch, list);
        let removed = 0;
        const findingsSheets = list.filter((_, i) => isFindingsSheetTitle(titles[i].values[0][0]));
        list.forEach((n) => {
          const ws = context.workbook.worksheets.getItem(n.id);
          if (findingsSheets.includes(n) && findingsSheets.length < list.length) {
            ws.delete(); // the copy's findings sheet goes whole, its cells and notes with it
            removed++;
            return;
          }
          const { formats, notes } = decorations.get(n.name)!;
          removed += queueFormatWrites(ws, formats, []).removed;
          if (notes) {
            const plan = reconcileNotes(notes, new Map(), notes.notes.keys());
            queueNoteChanges(plan);
            removed += plan.remove.length;
          }
          const s = this.sheets.get(n.name);
          if (s) s.lastWanted = new Map();
        });
        if (removed > 0) {
          await this.sync(context, batch, "write");
          this.lastWriteAt = this.now();
        }
        this.cleared = true;
        if (findingsSheets.length > 0 && findingsSheets.length < list.length) {
          for (const f of findingsSheets) this.sheets.delete(f.name);
          this.names = list.filter((n) => !findingsSheets.includes(n));
        }
        return removed;
      }),
    );
  }

  // --- Selection ----------------------------------------------------------------------------

  async select(ref: CellRef): Promise<void> {
    await this.run(this.runOptions(), async (context) => {
      const ws = context.workbook.worksheets.getItem(this.sheets.get(ref.sheet)?.id || ref.sheet);
      ws.activate();
      ws.getRange(ref.cell).select();
      await this.sync(context, "select", "write");
    });
  }

  onSelectionChanged(listener: (ref: CellRef) => void): () => void {
    this.selectionListeners.add(listener);
    return () => this.selectionListeners.delete(listener);
  }

  onStateChanged(listener: (state: PaneState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  // --- Live ---------------------------------------------------------------------------------

  /** Registers change, calculation and selection handlers on the sheets holding tables. */
  startLive(): Promise<void> {
    return this.serial(() => this.startLiveNow());
  }

  private async startLiveNow(): Promise<void> {
    await this.stopLiveNow();
    const bound = [...this.sheets.values()].filter((s) => s.evaluation.tables.length > 0);
    if (bound.length === 0) return;
    await this.run(this.runOptions(), async (context) => {
      for (const s of bound) {
        // By id: the handlers survive a rename of the sheet.
        const ws = context.workbook.worksheets.getItem(s.id);
        this.handlers.push(ws.onChanged.add(async (e) => this.onChanged(e)));
        this.handlers.push(ws.onCalculated.add(async (e) => this.onCalculated(e)));
        this.handlers.push(ws.onSelectionChanged.add(async (e) => this.onSelection(e)));
      }
      await this.sync(context, "live", "write");
    });
    this.liveSheets = bound.map((s) => s.id).join("\u0000");
  }

  /** Removes every handler (the pane is closing): one sync on the context they were added with. */
  stopLive(): Promise<void> {
    return this.serial(() => this.stopLiveNow());
  }

  private async stopLiveNow(): Promise<void> {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    const handlers = this.handlers;
    this.handlers = [];
    this.liveSheets = "";
    if (handlers.length === 0) return;
    // The documented way: Excel.run(result.context, …) — handlers belong to the context
    // they were added with.
    await this.runIn(handlers[0].context as Excel.RequestContext, async (context) => {
      for (const h of handlers) h.remove();
      await this.sync(context, "live", "write");
    });
  }

  private sheetById(id: string): SheetState | undefined {
    for (const s of this.sheets.values()) if (s.id === id) return s;
    return undefined;
  }

  private ownWrite(e: { triggerSource?: string }): boolean {
    if (this.capabilities.triggerSource) return e.triggerSource === "ThisLocalAddin";
    // Hosts before ExcelApi 1.14 cannot say who wrote: changes right after our own write are ours.
    return this.now() - this.lastWriteAt < 1000;
  }

  onChanged(e: Excel.WorksheetChangedEventArgs): void {
    if (this.ownWrite(e)) return;
    const sheet = this.sheetById(e.worksheetId);
    if (!sheet || sheet.evaluation.tables.length === 0) return;
    // A co-author's edit (co-authoring raises it in every open pane): re-evaluate, but leave
    // the flags to the pane of the one who typed, so that panes do not all write at once.
    if (e.source !== "Remote") this.localPending = true;
    // `details` is absent for pastes and multi-cell edits: only the address is used. Rows or
    // columns inserted or deleted move notes and cells: the sheet is read again.
    const areas = eventAreas(e.address);
    const used = sheet.used;
    // Beyond the known used range (a paste below the table, a whole-column range like K1:K1048576):
    // read the sheet again, in chunks, rather than the addressed cells.
    const outside = areas !== null && (used === null || areas.some((a) => a.top < used.top || a.left < used.left || a.bottom > used.bottom || a.right > used.right));
    const structural = /Inserted|Deleted/.test(String(e.changeType ?? "")) || areas === null || outside;
    if (structural) this.fullReread.add(sheet.name);
    else {
      const set = this.pending.get(sheet.name) ?? new Set<string>();
      set.add(e.address);
      this.pending.set(sheet.name, set);
    }
    this.schedule();
  }

  /**
   * A recalculation. Filtered: only the recalculated cells inside a recognised table are
   * read again (a sheet-wide recalculation, no address, reads the tables' cells, never the
   * whole sheet). Budgeted: at most one recalculation batch per CALC_INTERVAL_MS, so
   * volatile formulas (NOW, RAND), which recalculate at every change, cost one round trip per
   * interval at most; such a batch writes only when the flags change, and a write does not
   * recalculate, so there is no loop.
   */
  onCalculated(e: Excel.WorksheetCalculatedEventArgs): void {
    const sheet = this.sheetById(e.worksheetId);
    if (!sheet || sheet.evaluation.tables.length === 0) return;
    const tables = sheet.evaluation.tables.map((t) => ({ top: t.table.headerTop, left: t.table.left, bottom: t.table.lastDataRow, right: t.table.right }));
    const areas = e.address ? eventAreas(e.address) : null;
    const hits = (areas ?? tables).flatMap((a) => tables.map((t) => intersectArea(a, t)).filter((x): x is Area => x !== null));
    if (hits.length === 0) return;
    const set = this.pending.get(sheet.name) ?? new Set<string>();
    for (const h of hits) set.add(rangeAddress(h.top, h.left, h.bottom, h.right));
    this.pending.set(sheet.name, set);
    this.localPending = true; // a recalculation here is this workbook's, as an edit is
    const wait = Math.max(this.debounceMs, this.calcNotBefore - this.now());
    this.calcNotBefore = this.now() + wait + CALC_INTERVAL_MS;
    this.schedule(wait);
  }

  private onSelection(e: Excel.WorksheetSelectionChangedEventArgs): void {
    const sheet = this.sheetById(e.worksheetId);
    const cell = sheet ? firstCell(e.address) : null;
    if (!sheet || !cell) return;
    for (const l of this.selectionListeners) l({ sheet: sheet.name, cell });
  }

  private schedule(ms: number = this.debounceMs): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.flush().catch(() => undefined); // flush reports its own failures as a notice
    }, ms);
  }

  /** Runs the pending batch now (the debounce timer calls it; tests may too). */
  flush(): Promise<void> {
    return this.serial(async () => {
      // By id: the first attempt may have followed a rename.
      const ids = [...new Set([...this.pending.keys(), ...this.fullReread])].map((n) => this.sheets.get(n)?.id).filter((id): id is string => !!id);
      const local = this.localPending;
      try {
        try {
          await this.editBatch();
        } catch (first) {
          // A threaded comment added since the last check, a note moved, a sheet gone: read
          // those sheets again in full, as a check does, and write once more.
          const names = ids.map((id) => this.sheetById(id)?.name).filter((n): n is string => !!n);
          if (names.length === 0) throw first;
          for (const n of names) this.fullReread.add(n);
          if (local) this.localPending = true;
          await this.editBatch();
        }
      } catch (e) {
        // Nobody awaits a live batch: tell the pane, and check the sheets again next time.
        this.notice({ id: "live-failed", detail: e instanceof Error ? e.message.split("\n")[0].slice(0, 200) : String(e) });
        const state = this.state();
        for (const l of this.stateListeners) l(state);
        throw e;
      }
    });
  }

  private async editBatch(): Promise<void> {
    const pending = this.pending;
    const full = this.fullReread;
    const local = this.localPending;
    this.pending = new Map();
    this.fullReread = new Set();
    this.localPending = false;
    const names = [...new Set([...pending.keys(), ...full])].filter((n) => this.sheets.has(n));
    if (names.length === 0) return;
    // delayForCellEdit: a batch that starts while the user is typing in a cell waits for them.
    await this.run(this.runOptions(), async (context) => {
      const batch = "edit";
      const jobs = names.map((name) => {
        const s = this.sheets.get(name)!;
        const ws = context.workbook.worksheets.getItem(s.id); // by id: renames do not matter
        ws.load("name");
        const used = ws.getUsedRangeOrNullObject(true);
        used.load("address");
        const areas = full.has(name) ? [] : [...pending.get(name)!].flatMap((a) => eventAreas(a) ?? []);
        const ranges = areas.map((a) => {
          const r = ws.getRangeByIndexes(a.top - 1, a.left - 1, a.bottom - a.top + 1, a.right - a.left + 1);
          r.load(["values", "formulas", "valueTypes", "numberFormat"]);
          return { a, r };
        });
        const formats = queueFormatState(ws);
        // The notes of the changed rows' table cells: where this batch's flags can change.
        const probed = this.capabilities.notes && !full.has(name) ? this.rowCells(s, areas) : [];
        const probe = probed.length ? queueCellNotes(ws, probed) : null;
        return { s, ws, used, ranges, formats, probed, probe, full: full.has(name) };
      });
      await this.sync(context, batch, "read");
      await this.renameSheets(new Map(jobs.filter((j) => j.ws.name !== j.s.name).map((j) => [j.s.name, j.ws.name])));

      // 1. Apply the changed cells; a sheet whose structure may have moved is read again.
      const reread: (typeof jobs)[number][] = [];
      for (const j of jobs) {
        const before = j.s.evaluation;
        const used = j.used.isNullObject ? null : areaOfAddress(j.used.address);
        const changes: CellChange[] = [];
        for (const { a, r } of j.ranges) {
          changes.push(...cellsOfBlock({ top: a.top, left: a.left, data: { values: r.values, formulas: r.formulas, valueTypes: r.valueTypes as string[][], numberFormat: r.numberFormat } }));
        }
        const sameUsed = JSON.stringify(used) === JSON.stringify(j.s.used);
        const b = before.sheet.bounds;
        const inside = sameUsed && b !== null && changes.every((c) => c.row >= b.top && c.col >= b.left && c.row <= b.bottom && c.col <= b.right);
        if (j.full || !inside) {
          j.s.used = used;
          reread.push(j);
        } else {
          const checked = await this.engine.recheck(before, changes, settingsOf(this.bindings, overridesByKey(this.bindings)), this.ruleOptions());
          j.s.evaluation = checked.evaluation;
          j.s.findings = checked.findings;
        }
      }

      // 2. Those sheets in one read (chunked if large), their note counts riding along, then
      //    all their notes, as a check does.
      const fullNotes = new Map<string, NoteState>();
      if (reread.length > 0) {
        const counts = new Map<string, { read(): NoteCounts }>();
        const again = await readSheets(
          context,
          reread.map((j) => ({ name: j.s.name, known: j.s.used })),
          (ws, name) => {
            if (this.capabilities.notes) counts.set(name, queueNoteCounts(ws));
          },
        );
        this.syncLog.push({ batch, kind: "reread" });
        for (let i = 1; i < again.syncs; i++) this.syncLog.push({ batch, kind: "chunk" });
        for (const r of again.sheets) {
          const s = this.sheets.get(r.name)!;
          s.used = r.used;
          await this.recompute(s, r.snapshot);
        }
        const states = await this.readNoteStates(context, batch, reread.map((j) => ({ name: j.s.name, counts: counts.get(j.s.name)?.read() ?? null })));
        for (const [name, st] of states) {
          fullNotes.set(name, st);
          this.sheets.get(name)!.comments = st.comments;
        }
      }

      // 3. Plan every sheet's flags. The other sheets know only their changed rows' notes:
      //    cells whose wanted note changed beyond those rows (a rule that looks at
      //    neighbouring rows) are probed, all sheets in one sync, only when there are any.
      const planned = jobs.map((j) => {
        const wanted = this.plan(j.s);
        const full = fullNotes.get(j.s.name);
        if (!this.capabilities.notes || full) return { j, wanted, notes: full ?? null, cells: everyNoteCell(full ?? null, wanted), more: null };
        const probedSet = new Set(j.probed);
        const changed = new Set<string>();
        for (const [cell, text] of wanted.notes) if (j.s.lastWanted.get(cell) !== text) changed.add(cell);
        for (const cell of j.s.lastWanted.keys()) if (!wanted.notes.has(cell)) changed.add(cell);
        const extra = [...changed].filter((c) => !probedSet.has(c));
        const notes: NoteState = { notes: new Map(), comments: j.s.comments };
        j.probe?.read(notes);
        return { j, wanted, notes, cells: [...j.probed, ...extra], more: extra.length > 0 ? queueCellNotes(j.ws, extra) : null };
      });
      if (planned.some((p) => p.more)) {
        await this.sync(context, batch, "probe");
        for (const p of planned) if (p.more && p.notes) p.more.read(p.notes);
      }
      const writes: SheetWrite[] = planned.map((p) => ({ sheet: p.j.s, formats: p.j.formats.read(), wanted: p.wanted, notes: p.notes, cells: p.cells }));
      // Only co-authors' edits: evaluated for this pane, flags left to the pane that edited.
      if (local) await this.write(context, batch, writes, () => null, false);
    });
    this.checkedAt = this.now();
    const state = this.state();
    for (const l of this.stateListeners) l(state);
  }

  /**
   * A sheet's wanted flags. Past the per-sheet note cap (flag-style.ts) a flagged cell has
   * its colour only: the pane is told which, and its messages stay in the Temuan view.
   */
  private plan(s: SheetState): SheetDecorations {
    const wanted = planDecorations(s.findings, this.lang);
    if (this.capabilities.notes && wanted.beyondNoteCap.length > 0) {
      this.beyondCap.set(s.name, wanted.beyondNoteCap);
      this.notice({ id: "notes-capped", detail: `${s.name}: ${wanted.beyondNoteCap.length}` });
    } else this.beyondCap.delete(s.name);
    return wanted;
  }

  /** The table cells of the rows these areas touch (where this batch's flags can change). */
  private rowCells(s: SheetState, areas: readonly Area[]): string[] {
    const out = new Set<string>();
    for (const t of s.evaluation.tables) {
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
}

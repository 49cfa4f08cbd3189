/**
 * One open workbook: reads it in batched round trips, runs the engine, writes the flags,
 * keeps bindings in the workbook, and re-evaluates live while the user types.
 *
 * Round trips (each `context.sync()` is counted in `syncLog`):
 * - check: one read sync for every sheet, its decorations and the bindings part (plus one
 *   for the sheet names the first time, and row chunks for sheets above the cell budget),
 *   at most one probe sync for flagged cells that have no note of ours yet (a user's note
 *   there must not be overwritten, and Office.js has no cheaper way to find note cells),
 *   and one write sync — skipped when nothing changes;
 * - edit batch: one read sync (the changed cells, the sheet's decorations and the notes of
 *   the changed rows' cells) and one write sync.
 * The engine is pure; this module only moves data between it and Excel.
 */
import type { SheetSnapshot, WorkbookSnapshot } from "../engine/snapshot";
import { evaluateSheet, overrideKey, type EvaluationSettings, type SheetEvaluation } from "../engine/evaluate";
import { reevaluate, type CellChange } from "../engine/incremental";
import { findingJson, reportEvaluation, type Finding, type WorkbookReport } from "../engine/report";
import { runRules } from "../engine/rules";
import type { RowOverrides } from "../engine/measure/measure";
import { cellAddress, rangeAddress } from "../engine/address";
import { normalize } from "../engine/text";
import type { CellRef, CheckSettings, Notice, PaneHost, PaneState } from "../taskpane/host-api";
import { readSheetNames, readSheets, type SheetToRead } from "./read-sheets";
import { areaOfAddress, areasOfAddress, snapshotFromBlocks } from "./snapshot-from-range";
import {
  cellsToProbe,
  planDecorations,
  queueDecorationCheck,
  queueDecorationState,
  queueDecorationWrites,
  type DecorationMemory,
  queueNoteAdditions,
  queueNoteProbe,
  type DecorationState,
  type NoteProbe,
  type QueuedDecorationState,
  type SheetDecorations,
  type WriteSummary,
} from "./decorations";
import { queueBindingsRead, queueBindingsWrite, type Bindings, type BoundTable, type StoredBindings } from "./bindings";
import type { Area } from "../engine/snapshot";
import { planCapaianColumn, queueCapaianColumn } from "./capaian-column";

export interface CapaianColumnResult {
  written: number;
  skipped: string[];
  /** Non-empty cells of a column that is not ours: nothing was written. */
  refused: string[] | null;
  column: number;
  state: PaneState;
}

/** Excel.run, or the test host's stand-in. */
export type ExcelRunner = <T>(options: { delayForCellEdit?: boolean }, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Excel.run(context, batch): a batch on an existing context (event handlers are removed so). */
export type ExcelContextRunner = <T>(context: Excel.RequestContext, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** What the host supports, decided once at start from `Office.context.requirements`. */
export interface Capabilities {
  /** ExcelApi 1.18: cell notes. Without it flags are colours only. */
  notes: boolean;
  /** ExcelApi 1.14: `triggerSource` on change events. */
  triggerSource: boolean;
}

export function detectCapabilities(isSetSupported: (set: string, version: string) => boolean): Capabilities {
  return {
    notes: isSetSupported("ExcelApi", "1.18"),
    triggerSource: isSetSupported("ExcelApi", "1.14"),
  };
}

export type SyncKind = "names" | "read" | "chunk" | "state" | "probe" | "write" | "reread";

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
}

interface SheetState {
  name: string;
  id: string;
  used: Area | null;
  evaluation: SheetEvaluation;
  findings: Finding[];
  /** Flagged cells known to hold the user's own note. */
  userNoteCells: Set<string>;
  /** What the add-in wrote on the sheet, confirmed by two counts in the next read. */
  memory: DecorationMemory | null;
}

type DecoQuery = { read(): DecorationState | null };

/**
 * Note calls per sync. A note call carries its text (a few hundred bytes with the request's
 * framing); 3,000 of them stay near 1 MB, well below Excel on the web's 5 MB request limit.
 */
const NOTE_CALLS_PER_SYNC = 3000;

interface SheetWrite {
  sheet: SheetState;
  deco: DecorationState;
  wanted: SheetDecorations;
  probed?: { probe: NoteProbe; cells: string[] };
}

/** A sheet's decorations in memory after a write, to plan the next write without surprises. */
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

function sameTables(a: readonly BoundTable[], b: readonly BoundTable[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class WorkbookSession implements PaneHost {
  readonly syncLog: { batch: string; kind: SyncKind }[] = [];
  private sheets = new Map<string, SheetState>();
  private names: { name: string; id: string }[] | null = null;
  private stored: StoredBindings | null = null;
  private notices: Notice[] = [];
  private noticeSeen = new Set<string>();
  private lang: "id" | "en";
  private checkedAt = 0;
  // Live state
  private handlers: OfficeExtension.EventHandlerResult<unknown>[] = [];
  private pending = new Map<string, Set<string>>();
  private fullReread = new Set<string>();
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private rerun = false;
  private lastWriteAt = -Infinity;
  private stateListeners = new Set<(s: PaneState) => void>();
  private selectionListeners = new Set<(r: CellRef) => void>();
  private readonly debounceMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (h: unknown) => void;
  private readonly now: () => number;
  private readonly runIn: ExcelContextRunner;
  private readonly live: boolean;
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
    if (!capabilities.notes) this.notice({ id: "notes-unsupported" });
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

  private get bindings(): Bindings {
    return this.stored?.bindings ?? { tables: [], overrides: [], ignored: [], settings: { bandSet: "permendagri86", negativeFormula: "inverse", rules: {} } };
  }

  /** Evaluates a snapshot with the bindings' settings; stale overrides are re-keyed by name. */
  private evaluate(sheet: SheetSnapshot): SheetEvaluation {
    const b = this.bindings;
    const evaluation = evaluateSheet(sheet, settingsOf(b, overridesByKey(b)));
    const mine = b.overrides.filter((o) => o.sheet === sheet.name);
    if (mine.length === 0) return evaluation;
    const rows = new Map<number, string>();
    const byName = new Map<string, number>();
    for (const t of evaluation.tables) {
      for (const i of t.indicators) {
        rows.set(i.typed.row.row, normalize(i.typed.row.name));
        byName.set(normalize(i.typed.row.name), i.typed.row.row);
      }
    }
    let moved = false;
    const kept = b.overrides.filter((o) => {
      if (o.sheet !== sheet.name || rows.get(o.row) === normalize(o.name)) return true;
      const row = byName.get(normalize(o.name));
      if (row === undefined) {
        this.notice({ id: "binding-entry-ignored", detail: `${o.sheet}!${o.row} ${o.name}` });
        return false;
      }
      o.row = row; // the user inserted or deleted rows above it
      moved = true;
      return true;
    });
    if (!moved && kept.length === b.overrides.length) return evaluation;
    this.stored = { ...this.stored!, bindings: { ...b, overrides: kept } };
    return evaluateSheet(sheet, settingsOf(this.bindings, overridesByKey(this.bindings)));
  }

  private findingsOf(evaluation: SheetEvaluation): Finding[] {
    const b = this.bindings;
    return runRules(evaluation, { rules: b.settings.rules, ignored: b.ignored }).map((f) => findingJson(f, this.lang));
  }

  state(): PaneState {
    const ordered = (this.names ?? []).map((n) => this.sheets.get(n.name)).filter((s): s is SheetState => s !== undefined);
    const report: WorkbookReport = { sheets: ordered.map((s) => reportEvaluation(s.evaluation)), findings: ordered.flatMap((s) => s.findings) };
    const b = this.bindings;
    return { report, overrides: overridesByKey(b), ignored: [...b.ignored], settings: b.settings, notices: [...this.notices], checkedAt: this.checkedAt };
  }

  /** The snapshots as last read (for tests and the ribbon command). */
  snapshot(): WorkbookSnapshot {
    return { sheets: (this.names ?? []).map((n) => this.sheets.get(n.name)?.evaluation.sheet).filter((s): s is SheetSnapshot => s !== undefined) };
  }

  // --- Check -------------------------------------------------------------------------------

  async check(onProgress?: (done: number, total: number) => void): Promise<PaneState> {
    let state: PaneState;
    try {
      state = await this.checkOnce(onProgress);
    } catch (e) {
      // A sheet deleted or renamed since its name was read fails the batch: read the names
      // again and retry once; a second failure is the caller's to show.
      if (this.names === null) throw e;
      this.names = null;
      state = await this.checkOnce(onProgress);
    }
    if (this.live) {
      const bound = [...this.sheets.values()].filter((s) => s.evaluation.tables.length > 0).map((s) => s.name).join("\u0000");
      if (bound !== this.liveSheets) await this.startLive();
    }
    return state;
  }

  private async checkOnce(onProgress?: (done: number, total: number) => void): Promise<PaneState> {
    await this.run({}, async (context) => {
      const batch = "check";
      if (!this.names) {
        this.names = await this.namesSync(context, batch);
      }
      const names = this.names;
      onProgress?.(0, names.length);
      const toRead: SheetToRead[] = names.map((n) => ({ name: n.name, known: this.sheets.get(n.name)?.used }));
      const deco = new Map<string, DecoQuery>();
      const bindingsRead = queueBindingsRead(context);
      const sheetList = context.workbook.worksheets;
      sheetList.load("items/name,items/id");
      this.syncLog.push({ batch, kind: "read" });
      const read = await readSheets(context, toRead, (ws, name) => deco.set(name, this.queueDeco(ws, name)));
      for (let i = 1; i < read.syncs; i++) this.syncLog.push({ batch, kind: "chunk" });
      if (read.syncs > 1) this.notice({ id: "read-chunked", detail: String(read.syncs) });
      this.absorbBindings(bindingsRead.read());
      const current = sheetList.items.map((w) => ({ name: w.name, id: w.id }));
      let reads = read.sheets;
      const added = current.filter((c) => !names.some((n) => n.name === c.name));
      if (added.length > 0) {
        // Sheets added since the names were read: one more read for them.
        const more = await readSheets(context, added.map((a) => ({ name: a.name })), (ws, name) => deco.set(name, this.queueDeco(ws, name)));
        this.syncLog.push({ batch, kind: "reread" });
        for (let i = 1; i < more.syncs; i++) this.syncLog.push({ batch, kind: "chunk" });
        reads = [...reads, ...more.sheets];
      }
      this.names = current;
      for (const name of [...this.sheets.keys()]) if (!current.some((c) => c.name === name)) this.sheets.delete(name);

      const decorations = await this.resolveDeco(context, batch, deco);
      const states: SheetWrite[] = [];
      let done = 0;
      for (const r of reads) {
        const evaluation = this.evaluate(r.snapshot);
        const id = current.find((c) => c.name === r.name)?.id ?? "";
        const previous = this.sheets.get(r.name);
        const sheet: SheetState = {
          name: r.name,
          id,
          used: r.used,
          evaluation,
          findings: this.findingsOf(evaluation),
          userNoteCells: previous?.userNoteCells ?? new Set(),
          memory: previous?.memory ?? null,
        };
        this.sheets.set(r.name, sheet);
        states.push({ sheet, deco: decorations.get(r.name)!, wanted: planDecorations(sheet.findings, this.lang) });
        if (onProgress) {
          onProgress(++done, reads.length);
          // Let the pane paint its progress bar between sheets of a large workbook.
          await new Promise<void>((resolve) => setTimeout(resolve, 0));
        }
      }
      await this.probeAndWrite(context, batch, states, () => {
        const tables = tablesOf(states.map((s) => s.sheet.evaluation));
        return sameTables(tables, this.bindings.tables) ? null : { ...this.bindings, tables };
      });
    });
    this.checkedAt = this.now();
    return this.state();
  }

  /** The decoration state of a sheet: its two counts when its memory can be trusted, else everything. */
  private queueDeco(ws: Excel.Worksheet, name: string): DecoQuery {
    const memory = this.sheets.get(name)?.memory;
    return memory ? queueDecorationCheck(ws, memory, this.capabilities.notes) : queueDecorationState(ws, this.capabilities.notes);
  }

  /** Reads the queries after their sync; sheets whose memory was stale cost one more read. */
  private async resolveDeco(context: Excel.RequestContext, batch: string, queries: ReadonlyMap<string, DecoQuery>): Promise<Map<string, DecorationState>> {
    const out = new Map<string, DecorationState>();
    const again = new Map<string, QueuedDecorationState>();
    for (const [name, q] of queries) {
      const state = q.read();
      if (state) out.set(name, state);
      else {
        const s = this.sheets.get(name);
        if (s) s.memory = null;
        again.set(name, queueDecorationState(context.workbook.worksheets.getItem(name), this.capabilities.notes));
      }
    }
    if (again.size > 0) {
      await this.sync(context, batch, "state");
      for (const [name, q] of again) out.set(name, q.read());
    }
    return out;
  }

  private async namesSync(context: Excel.RequestContext, batch: string): Promise<{ name: string; id: string }[]> {
    this.syncLog.push({ batch, kind: "names" });
    return readSheetNames(context);
  }

  private absorbBindings(stored: StoredBindings): void {
    for (const p of stored.problems) {
      if (p.kind === "entry-ignored") this.notice({ id: "binding-entry-ignored", detail: p.detail });
      else this.notice({ id: "bindings-damaged", detail: p.kind === "newer-version" ? `${p.detail} (newer)` : p.detail });
    }
    // Keep overrides re-keyed in memory when the part itself did not change.
    if (this.stored && this.stored.xml === stored.xml) return;
    this.stored = stored;
  }

  /**
   * Probes the note state of newly flagged cells (one sync, only if there are any), then
   * writes every sheet's decorations and, when changed, the bindings (one sync).
   */
  private async probeAndWrite(
    context: Excel.RequestContext,
    batch: string,
    states: SheetWrite[],
    nextBindings: () => Bindings | null,
  ): Promise<WriteSummary[]> {
    const fromMemory = states.filter((s) => s.sheet.memory !== null).map((s) => s.sheet);
    const toProbe: { s: SheetWrite; cell: string }[] = [];
    for (const s of states) {
      // Cells already probed in this batch's read sync need no second look.
      const seen = new Set(s.probed?.cells ?? []);
      if (s.probed) for (const c of s.probed.probe.read()) s.sheet.userNoteCells.add(c);
      for (const cell of cellsToProbe(s.deco, s.wanted)) if (!s.sheet.userNoteCells.has(cell) && !seen.has(cell)) toProbe.push({ s, cell });
    }
    // One probe sync for an ordinary workbook; a sheet with thousands of new flags is probed
    // in slices so the request stays far below Excel on the web's 5 MB.
    for (let i = 0; i < toProbe.length; i += NOTE_CALLS_PER_SYNC) {
      const slice = toProbe.slice(i, i + NOTE_CALLS_PER_SYNC);
      const bySheet = new Map<SheetWrite, string[]>();
      for (const p of slice) bySheet.set(p.s, [...(bySheet.get(p.s) ?? []), p.cell]);
      const probes = [...bySheet].map(([s, cells]) => ({ s, probe: queueNoteProbe(context.workbook.worksheets.getItem(s.sheet.name), cells) }));
      await this.sync(context, batch, "probe");
      for (const p of probes) for (const c of p.probe.read()) p.s.sheet.userNoteCells.add(c);
    }
    const summaries: WriteSummary[] = [];
    for (const s of states) {
      const ws = context.workbook.worksheets.getItem(s.sheet.name);
      const summary = queueDecorationWrites(ws, s.deco, s.wanted, s.sheet.userNoteCells);
      for (const c of summary.userNotesKept) this.notice({ id: "user-note-kept", detail: `${s.sheet.name}!${c}` });
      summaries.push(summary);
    }
    const next = nextBindings();
    const decorationsChange = summaries.some((x) => x.formatsAdded + x.formatsRemoved + x.notesAdded + x.notesRemoved + x.notesUpdated > 0);
    let written: ReturnType<typeof queueBindingsWrite> = null;
    if (decorationsChange || next !== null) {
      try {
        // Note additions last, in slices: all but the last slice get a sync of their own.
        const additions = states.flatMap((s, k) => summaries[k].additions.map((a) => ({ name: s.sheet.name, a })));
        for (let i = 0; i < additions.length; i += NOTE_CALLS_PER_SYNC) {
          const slice = additions.slice(i, i + NOTE_CALLS_PER_SYNC);
          const bySheet = new Map<string, [string, string][]>();
          for (const x of slice) bySheet.set(x.name, [...(bySheet.get(x.name) ?? []), x.a]);
          for (const [name, list] of bySheet) queueNoteAdditions(context.workbook.worksheets.getItem(name), list);
          if (i + NOTE_CALLS_PER_SYNC < additions.length) await this.sync(context, batch, "write");
        }
        // The part very last: when a decoration call fails, the calls after it do not run,
        // so the retry below never adds a second part.
        written = next && this.stored ? queueBindingsWrite(context, this.stored, next) : null;
        if (written !== null || decorationsChange) await this.sync(context, batch, "write");
      } catch (e) {
        if (fromMemory.length === 0) throw e;
        // A flag the memory knew is gone or moved (the user deleted it, cut and pasted the
        // cell): forget the memory, read what is really there, and write again.
        for (const s of states) s.sheet.memory = null;
        const fresh = new Map(states.map((s) => [s.sheet.name, queueDecorationState(context.workbook.worksheets.getItem(s.sheet.name), this.capabilities.notes)]));
        await this.sync(context, batch, "state");
        return this.probeAndWrite(context, batch, states.map((s) => ({ ...s, deco: fresh.get(s.sheet.name)!.read(), probed: undefined })), nextBindings);
      }
      if (written !== null || decorationsChange) this.lastWriteAt = this.now();
      if (written) this.stored = written.read();
    }
    states.forEach((s, i) => {
      s.sheet.memory = summaries[i].memoryAfter();
    });
    return summaries;
  }

  // --- Bindings changes from the pane --------------------------------------------------------

  private async changeBindings(change: (b: Bindings) => Bindings): Promise<PaneState> {
    if (!this.stored) await this.check();
    const next = change(this.bindings);
    // Re-evaluate from the snapshots in memory (no read), then one sync to write flags + part.
    await this.run({}, async (context) => {
      const batch = "bindings";
      const deco = new Map<string, DecoQuery>();
      for (const s of this.sheets.values()) deco.set(s.name, this.queueDeco(context.workbook.worksheets.getItem(s.name), s.name));
      await this.sync(context, batch, "read");
      const decorations = await this.resolveDeco(context, batch, deco);
      const stored = this.stored!;
      this.stored = { ...stored, bindings: next };
      const states = [...this.sheets.values()].map((s) => {
        s.evaluation = this.evaluate(s.evaluation.sheet);
        s.findings = this.findingsOf(s.evaluation);
        return { sheet: s, deco: decorations.get(s.name)!, wanted: planDecorations(s.findings, this.lang) };
      });
      this.stored = stored;
      await this.probeAndWrite(context, batch, states, () => next);
      this.stored = { ...this.stored!, bindings: next };
    });
    const state = this.state();
    for (const l of this.stateListeners) l(state);
    return state;
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
    const known = this.sheets.get(sheet);
    const plan = await this.run({}, async (context) => {
      const read = await readSheets(context, [{ name: sheet, known: known?.used }]);
      this.syncLog.push({ batch: "capaian", kind: "read" });
      if (read.sheets.length === 0) throw new Error(`no sheet ${sheet}`);
      const p = planCapaianColumn(this.evaluate(read.sheets[0].snapshot), tableIndex, this.lang, col);
      if (queueCapaianColumn(context.workbook.worksheets.getItem(sheet), p) > 0 || (p.header && !p.refused)) {
        await this.sync(context, "capaian", "write");
        this.lastWriteAt = this.now();
      }
      return p;
    });
    const state = await this.check();
    return { written: plan.refused ? 0 : plan.cells.filter((c) => c.formula !== "").length, skipped: plan.skipped, refused: plan.refused?.cells ?? null, column: plan.col, state };
  }

  // --- Clearing -----------------------------------------------------------------------------

  /** Removes every decoration the add-in wrote, on every sheet: one read and one write sync. */
  async clearFlags(): Promise<number> {
    return this.run({}, async (context) => {
      const batch = "clear";
      const names = this.names ?? (await this.namesSync(context, batch));
      this.names = names;
      const deco = names.map((n) => ({ n, ws: context.workbook.worksheets.getItem(n.name) })).map(({ n, ws }) => ({ n, ws, q: queueDecorationState(ws, this.capabilities.notes) }));
      await this.sync(context, batch, "read");
      let removed = 0;
      for (const { n, ws, q } of deco) {
        const s = queueDecorationWrites(ws, q.read(), null, new Set());
        removed += s.formatsRemoved + s.notesRemoved;
        const sheet = this.sheets.get(n.name);
        if (sheet) sheet.memory = null;
      }
      if (removed > 0) {
        await this.sync(context, batch, "write");
        this.lastWriteAt = this.now();
      }
      return removed;
    });
  }

  // --- Selection ----------------------------------------------------------------------------

  async select(ref: CellRef): Promise<void> {
    await this.run({}, async (context) => {
      const ws = context.workbook.worksheets.getItem(ref.sheet);
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
  async startLive(): Promise<void> {
    await this.stopLive();
    const bound = [...this.sheets.values()].filter((s) => s.evaluation.tables.length > 0);
    this.liveSheets = bound.map((s) => s.name).join("\u0000");
    if (bound.length === 0) return;
    await this.run({}, async (context) => {
      for (const s of bound) {
        const ws = context.workbook.worksheets.getItem(s.name);
        this.handlers.push(ws.onChanged.add(async (e) => this.onChanged(e)));
        this.handlers.push(ws.onCalculated.add(async (e) => this.onCalculated(e)));
        this.handlers.push(ws.onSelectionChanged.add(async (e) => this.onSelection(e)));
      }
      await this.sync(context, "live", "write");
    });
  }

  /** Removes every handler (the pane is closing): one sync on the context they were added with. */
  async stopLive(): Promise<void> {
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
    // `details` is absent for pastes and multi-cell edits: only the address is used.
    const set = this.pending.get(sheet.name) ?? new Set<string>();
    set.add(e.address);
    this.pending.set(sheet.name, set);
    this.schedule();
  }

  onCalculated(e: Excel.WorksheetCalculatedEventArgs): void {
    const sheet = this.sheetById(e.worksheetId);
    if (!sheet || sheet.evaluation.tables.length === 0) return;
    const address = e.address;
    if (address) {
      const set = this.pending.get(sheet.name) ?? new Set<string>();
      set.add(address);
      this.pending.set(sheet.name, set);
    } else this.fullReread.add(sheet.name);
    this.schedule();
  }

  private onSelection(e: Excel.WorksheetSelectionChangedEventArgs): void {
    const sheet = this.sheetById(e.worksheetId);
    if (!sheet) return;
    const first = areasOfAddress(e.address)[0];
    if (!first) return;
    for (const l of this.selectionListeners) l({ sheet: sheet.name, cell: cellAddress(first.top, first.left) });
  }

  private schedule(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = null;
      void this.flush();
    }, this.debounceMs);
  }

  /** Runs the pending batch now (the debounce timer calls it; tests may too). */
  async flush(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.editBatch().finally(() => {
      this.running = null;
    });
    await this.running;
    if (this.rerun) {
      this.rerun = false;
      await this.flush();
    }
  }

  private async editBatch(): Promise<void> {
    const pending = this.pending;
    const full = this.fullReread;
    this.pending = new Map();
    this.fullReread = new Set();
    const names = [...new Set([...pending.keys(), ...full])].filter((n) => this.sheets.has(n));
    if (names.length === 0) return;
    // delayForCellEdit: a batch that starts while the user is typing in a cell waits for them.
    await this.run({ delayForCellEdit: true }, async (context) => {
      const batch = "edit";
      const jobs = names.map((name) => {
        const s = this.sheets.get(name)!;
        const ws = context.workbook.worksheets.getItem(name);
        const used = ws.getUsedRangeOrNullObject(true);
        used.load("address");
        const areas = full.has(name) ? [] : [...pending.get(name)!].flatMap((a) => areasOfAddress(a));
        const ranges = areas.map((a) => {
          const r = ws.getRangeByIndexes(a.top - 1, a.left - 1, a.bottom - a.top + 1, a.right - a.left + 1);
          r.load(["values", "formulas", "valueTypes", "numberFormat"]);
          return { a, r };
        });
        const deco = this.queueDeco(ws, name);
        // The notes of the changed rows' table cells: where new flags of this batch can land.
        const probeCells = this.capabilities.notes ? this.rowCells(s, areas).filter((c) => !s.userNoteCells.has(c)) : [];
        const probe = probeCells.length ? queueNoteProbe(ws, probeCells) : null;
        return { s, ws, used, ranges, deco, probe, probeCells };
      });
      await this.sync(context, batch, "read");
      const decorations = await this.resolveDeco(context, batch, new Map(jobs.map((j) => [j.s.name, j.deco])));
      const states: SheetWrite[] = [];
      for (const j of jobs) {
        const before = j.s.evaluation;
        const used = j.used.isNullObject ? null : areaOfAddress(j.used.address);
        const changes: CellChange[] = [];
        for (const { a, r } of j.ranges) {
          const block = snapshotFromBlocks("", a, [{ top: a.top, left: a.left, data: { values: r.values, formulas: r.formulas, valueTypes: r.valueTypes as string[][], numberFormat: r.numberFormat } }], []);
          block.values.forEach((line, i) => line.forEach((value, k) => changes.push({ row: a.top + i, col: a.left + k, value, formula: block.formulas?.[i]?.[k] ?? null })));
        }
        let evaluation: SheetEvaluation;
        const sameUsed = JSON.stringify(used) === JSON.stringify(j.s.used);
        const inside = sameUsed && changes.every((c) => c.row >= before.sheet.origin.row && c.col >= before.sheet.origin.col && c.row < before.sheet.origin.row + before.sheet.values.length && c.col < before.sheet.origin.col + (before.sheet.values[0]?.length ?? 0));
        if (full.has(j.s.name) || !inside) {
          // The used range moved (rows added below, a paste outside): read the sheet again.
          const again = await readSheets(context, [{ name: j.s.name, known: used }]);
          this.syncLog.push({ batch, kind: "reread" });
          j.s.used = again.sheets[0]?.used ?? null;
          evaluation = this.evaluate(again.sheets[0].snapshot);
        } else {
          evaluation = reevaluate(before, changes, settingsOf(this.bindings, overridesByKey(this.bindings))).evaluation;
        }
        j.s.evaluation = evaluation;
        j.s.findings = this.findingsOf(evaluation);
        states.push({ sheet: j.s, deco: decorations.get(j.s.name)!, wanted: planDecorations(j.s.findings, this.lang), probed: j.probe ? { probe: j.probe, cells: j.probeCells } : undefined });
      }
      await this.probeAndWrite(context, batch, states, () => null);
    });
    this.checkedAt = this.now();
    const state = this.state();
    for (const l of this.stateListeners) l(state);
  }

  /** The table cells of the rows these areas touch (where this batch's flags can appear). */
  private rowCells(s: SheetState, areas: readonly Area[]): string[] {
    const out: string[] = [];
    for (const t of s.evaluation.tables) {
      for (const a of areas) {
        for (let row = Math.max(a.top, t.table.firstDataRow); row <= Math.min(a.bottom, t.table.lastDataRow); row++) {
          for (let col = t.table.left; col <= t.table.right; col++) out.push(cellAddress(row, col));
        }
      }
    }
    return [...new Set(out)].slice(0, 2000);
  }
}

/**
 * One open workbook: reads it in batched round trips, runs the engine, writes the flags,
 * keeps bindings in the workbook, and re-evaluates live while the user types. This module
 * orchestrates the batches; their parts live beside it:
 * - read-sheets.ts: the cells, merges (in bands), hidden rows/columns, tables of the sheets;
 * - decorations.ts: the add-in's formats and notes, found by their markers, and their writes;
 * - note-paging.ts: every note's location, in pages of NOTE_CALLS_PER_SYNC calls;
 * - bindings.ts / bindings-store.ts: the custom XML part and what the engine takes from it;
 * - live-events.ts: which cells an event names, the debounce and the recalculation budget;
 * - engine.ts: the engine, in-process or in the pane's Web Worker;
 * - session-types.ts: the types they share.
 *
 * Round trips (each `context.sync()` is logged in `syncLog`; counted on Microsoft's client
 * library in test/office/runtime-session.test.ts):
 * - check: the sheet names and bindings part ids the first time (`names`); then one read
 *   sync for every sheet, its conditional formats, its note and comment counts and the
 *   bindings part (`read`); and one write sync (`write`), skipped when nothing changes.
 *   Named exceptions: row `chunk`s for sheets above the cell budget (and a retry with half
 *   the budget after a payload error, or with narrower merge bands); one sync for every
 *   note's text and location when the sheets have notes or comments (`notes`, in pages:
 *   Office.js tells where a note is only through `getLocation()`); one for Excel Tables'
 *   ranges when a sheet has tables; note additions beyond NOTE_CALLS_PER_SYNC.
 * - edit batch: one read sync (the changed cells, the sheet's formats and the notes of the
 *   changed rows' cells) and one write sync, which never writes the bindings part (it
 *   clears undo). A structural change (rows inserted or deleted, cells outside the known
 *   used range) reads the sheet again, as a check does.
 * Excel.run itself ends a batch that was handed ranges with a request of its own that
 * releases them (`_RemoveReference`). Batches run one at a time (a queue), so a live batch
 * never interleaves with a check, nor the ribbon's command with the pane (shared runtime).
 */
import type { SheetSnapshot, WorkbookSnapshot } from "../engine/snapshot";
import type { CellChange } from "../engine/incremental";
import { reportEvaluation, type WorkbookReport } from "../engine/report";
import { localEngine, type Checked, type Engine, type RuleOptions } from "./engine";
import type { RowOverrides } from "../engine/measure/measure";
import { reanchorOverrides } from "../engine/anchors";
import { isFindingsSheetTitle } from "../engine/flag-style";
import type { CellRef, CheckSettings, Notice, PaneHost, PaneState } from "../settings/pane-host";
import { CELL_BUDGET, cellBudgetFor, readSheetNames, readSheets, type ReadResult, type SheetToRead } from "./read-sheets";
import { areaOfAddress, cellsOfBlock } from "./snapshot-from-range";
import {
  planDecorations,
  queueCellNotes,
  queueFormatState,
  queueFormatWrites,
  queueNoteAdditions,
  queueNoteChanges,
  queueNoteCounts,
  reconcileNotes,
  snapshotNotes,
  type NoteCounts,
  type NoteState,
  type OurFormat,
  type QueuedFormats,
  type SheetDecorations,
} from "./decorations";
import { chooseBindings, emptyBindings, queueBindingPartIds, queueBindingXml, queueBindingsWrite, type Bindings, type StoredBindings } from "./bindings";
import { planCapaianColumn, queueCapaianColumn } from "./capaian-column";
import type { CapaianColumnResult, Capabilities, ExcelContextRunner, ExcelRunner, RunOptions, SessionOptions, SheetState, SheetWrite, SyncKind } from "./session-types";
import { LiveChanges, eventAreas, firstCell, type LiveSheet } from "./live-events";
import { NOTE_CALLS_PER_SYNC, everyNoteCell, readNoteStates, rowCells } from "./note-paging";
import { overridesByKey, renamedBindings, settingsOf, tablesOf } from "./bindings-store";

export * from "./session-types";
export { CALC_INTERVAL_MS, eventAreas, firstCell } from "./live-events";

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
  private changes: LiveChanges;
  /** Cells per read sync, from the bytes per cell the last read measured (read-sheets.ts). */
  private cellBudget = CELL_BUDGET;
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
    this.changes = new LiveChanges(this.debounceMs, this.now);
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
    if (this.stored) this.stored = { ...this.stored, bindings: renamedBindings(this.stored.bindings, rename) };
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
      const formats = new Map<string, QueuedFormats>();
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
      const read = await readSheets(context, toRead, alongside, this.cellBudget);
      this.learnBudget(read);
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
        // The notes and threaded comments, where Office says they are, as the file reader fills them.
        const known = noteStates.get(r.name);
        const { evaluation, findings } = await this.evaluate(known ? { ...r.snapshot, notes: snapshotNotes(known) } : r.snapshot);
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
        const f = formats.get(r.name)!;
        writes.push({ sheet, formats: f.read(), others: f.others(), wanted, notes, cells: everyNoteCell(notes, wanted) });
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
  private async readDecorations(context: Excel.RequestContext, batch: string, sheets: readonly { name: string; id: string }[]): Promise<Map<string, { formats: OurFormat[]; others: string[]; notes: NoteState | null }>> {
    const queued = sheets.map((s) => {
      const ws = context.workbook.worksheets.getItem(s.id);
      return { s, formats: queueFormatState(ws), counts: this.capabilities.notes ? queueNoteCounts(ws) : null };
    });
    await this.sync(context, batch, "read");
    const notes = await this.readNoteStates(context, batch, queued.map((q) => ({ name: q.s.name, counts: q.counts?.read() ?? null })));
    return new Map(queued.map((q) => [q.s.name, { formats: q.formats.read(), others: q.formats.others(), notes: notes.get(q.s.name) ?? null }]));
  }

  /** Every note and comment of these sheets, in syncs of at most NOTE_CALLS_PER_SYNC calls (note-paging.ts). */
  private readNoteStates(context: Excel.RequestContext, batch: string, sheets: { name: string; counts: NoteCounts | null }[]): Promise<Map<string, NoteState>> {
    return readNoteStates(
      context,
      sheets,
      (name) => this.names?.find((n) => n.name === name)?.id || this.sheets.get(name)?.id || name,
      () => this.sync(context, batch, "notes"),
    );
  }

  /**
   * Writes every sheet's formats and notes and, when changed, the bindings: one sync (note
   * additions beyond NOTE_CALLS_PER_SYNC get syncs of their own). Skipped when nothing changes.
   */
  private async write(context: Excel.RequestContext, batch: string, writes: SheetWrite[], nextBindings: () => Bindings | null, writePart = true): Promise<void> {
    let changes = 0;
    const additions: { ws: Excel.Worksheet; add: [string, string] }[] = [];
    const verify: { sheet: SheetState; queued: { read(): OurFormat[]; others(): string[] }; wanted: string[]; others: string[] }[] = [];
    // After "Hapus tanda" no flag is written until the user checks again.
    for (const w of this.cleared ? [] : writes) {
      // Made only when something is written to the sheet: an unused proxy is sent too.
      let proxy: Excel.Worksheet | null = null;
      const ws = (): Excel.Worksheet => (proxy ??= context.workbook.worksheets.getItem(w.sheet.id || w.sheet.name));
      const f = queueFormatWrites(ws, w.formats, w.wanted.formats);
      changes += f.added + f.removed;
      // Conditional-format ids are priorities, not identities: the deletions above address
      // the formats as the read sync saw them. The write sync reads the formats again after
      // its changes, so its answer says whether they hit what they meant to.
      if (f.added + f.removed > 0 && w.others) verify.push({ sheet: w.sheet, queued: queueFormatState(ws()), wanted: w.wanted.formats.map((g) => `${g.severity}:${g.hash}`).sort(), others: w.others });
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
      this.verifyFormats(verify);
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
            const { formats, others, notes } = decorations.get(s.name)!;
            writes.push({ sheet: s, formats, others, wanted, notes, cells: everyNoteCell(notes, wanted) });
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

  /** The sheet as the live classification sees it (live-events.ts). */
  private liveSheet(s: SheetState): LiveSheet {
    return { name: s.name, used: s.used, tables: s.evaluation.tables.map((t) => ({ top: t.table.headerTop, left: t.table.left, bottom: t.table.lastDataRow, right: t.table.right })) };
  }

  onChanged(e: Excel.WorksheetChangedEventArgs): void {
    if (this.ownWrite(e)) return;
    const sheet = this.sheetById(e.worksheetId);
    if (!sheet || sheet.evaluation.tables.length === 0) return;
    this.schedule(this.changes.changed(this.liveSheet(sheet), e));
  }

  /** A recalculation: filtered to table cells and budgeted (LiveChanges.calculated). */
  onCalculated(e: Excel.WorksheetCalculatedEventArgs): void {
    const sheet = this.sheetById(e.worksheetId);
    if (!sheet || sheet.evaluation.tables.length === 0) return;
    const wait = this.changes.calculated(this.liveSheet(sheet), e);
    if (wait !== null) this.schedule(wait);
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
      const ids = this.changes.sheets().map((n) => this.sheets.get(n)?.id).filter((id): id is string => !!id);
      const local = this.changes.local;
      try {
        try {
          await this.editBatch();
        } catch (first) {
          // A threaded comment added since the last check, a note moved, a sheet gone: read
          // those sheets again in full, as a check does, and write once more.
          const names = ids.map((id) => this.sheetById(id)?.name).filter((n): n is string => !!n);
          if (names.length === 0) throw first;
          this.changes.again(names, local);
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
    const { pending, full, local } = this.changes.take();
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
        const probed = this.capabilities.notes && !full.has(name) ? rowCells(s.evaluation, areas) : [];
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
        const states = await this.readNoteStates(context, batch, reread.map((j) => ({ name: j.s.name, counts: counts.get(j.s.name)?.read() ?? null })));
        for (const r of again.sheets) {
          const s = this.sheets.get(r.name)!;
          s.used = r.used;
          const known = states.get(r.name);
          await this.recompute(s, known ? { ...r.snapshot, notes: snapshotNotes(known) } : r.snapshot);
        }
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
      const writes: SheetWrite[] = planned.map((p) => ({ sheet: p.j.s, formats: p.j.formats.read(), others: p.j.formats.others(), wanted: p.wanted, notes: p.notes, cells: p.cells }));
      // Only co-authors' edits: evaluated for this pane, flags left to the pane that edited.
      if (local) await this.write(context, batch, writes, () => null, false);
    });
    this.checkedAt = this.now();
    const state = this.state();
    for (const l of this.stateListeners) l(state);
  }

  /**
   * After a write: a sheet whose formats are not what the write meant (the user or another
   * add-in changed conditional formats between this batch's read and write, so an id named
   * another format) is reported and read again in full by a live batch, which rewrites our
   * flags; the user's formats cannot be restored by us, so the pane says so.
   */
  private verifyFormats(list: readonly { sheet: SheetState; queued: { read(): OurFormat[]; others(): string[] }; wanted: string[]; others: string[] }[]): void {
    const again: string[] = [];
    for (const v of list) {
      const ours = v.queued.read().map((f) => `${f.severity}:${f.hash}`).sort();
      const others = v.queued.others();
      if (JSON.stringify(ours) === JSON.stringify(v.wanted) && JSON.stringify(others) === JSON.stringify(v.others)) continue;
      this.notice({ id: "formats-changed", detail: v.sheet.name });
      again.push(v.sheet.name);
    }
    if (again.length > 0) {
      this.changes.again(again, true);
      this.schedule();
    }
  }

  /** The next reads' cell budget, from what this read measured (a named payload retry happened otherwise). */
  private learnBudget(read: ReadResult): void {
    if (read.retries.payload > 0) this.notice({ id: "read-chunked", detail: `payload retry ×${read.retries.payload}` });
    if (read.bytesPerCell !== null) this.cellBudget = cellBudgetFor(read.bytesPerCell);
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
}

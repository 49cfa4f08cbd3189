/**
 * A typed fake of the Excel object-model subset the adapter uses, for what office-addin-mock
 * cannot mock (collections, events, proxies returned by methods). It keeps Office.js's batch
 * semantics, because that is where adapters go wrong:
 * - every call is queued and runs at `context.sync()`, in order; a failing call rejects the
 *   sync and the calls after it do not run (those before it did);
 * - a property read before it was loaded and synced throws PropertyNotLoaded;
 * - `…OrNullObject` methods give objects with `isNullObject`;
 * - a note cannot be added on a cell that already has one (or a threaded comment).
 * Syncs are counted. The workbook is built from an engine snapshot (so from an .xlsx fixture
 * via src/xlsx), and Office-shaped data is produced the way Excel does: "" for empty cells,
 * error text plus valueType "Error", the constant itself in `formulas` for non-formula cells.
 * It runs in Node (jest) and in the browser (the e2e harness).
 */
import "./dom-parser";
import type { Area, CellValue, SheetSnapshot, SheetTable, WorkbookSnapshot } from "../../src/engine/snapshot";
import { eachCell, isCellError } from "../../src/engine/snapshot";
import { cellAddress, columnNumber, rangeAddress } from "../../src/engine/address";

export interface FakeCell {
  value: CellValue;
  formula: string | null;
  numberFormat: string;
  /** The user's own fill; the add-in must never touch it. */
  fill?: string;
}

export interface FakeNote {
  content: string;
  authorName: string;
  /** Points, when set through the API (Excel's default otherwise). */
  width?: number;
  height?: number;
}

export interface FakeConditionalFormat {
  id: string;
  type: string;
  areas: Area[];
  formula: string | null;
  fill: string | null;
  font: string | null;
}

type Op = () => void;
type Handler = (args: Record<string, unknown>) => Promise<unknown> | void;

class PropertyNotLoaded extends Error {
  constructor(what: string) {
    super(`PropertyNotLoaded: ${what} was read before load() and sync()`);
    this.name = "PropertyNotLoaded";
  }
}

export class FakeExcelError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "FakeExcelError";
  }
}

/** `B2`, `B2:D9`, `3:5`, `A:C`, with or without `$` and a sheet part. */
export function parseArea(address: string): Area {
  const bare = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "").trim().toUpperCase();
  const [p, q = p] = bare.split(":");
  const cell = /^([A-Z]{1,3})([0-9]{1,7})$/;
  const a = cell.exec(p);
  const b = cell.exec(q);
  if (a && b) {
    const r1 = Number(a[2]);
    const r2 = Number(b[2]);
    const c1 = columnNumber(a[1]);
    const c2 = columnNumber(b[1]);
    return check({ top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) }, address);
  }
  if (/^[0-9]{1,7}$/.test(p) && /^[0-9]{1,7}$/.test(q)) return check({ top: Math.min(+p, +q), left: 1, bottom: Math.max(+p, +q), right: 16384 }, address);
  if (/^[A-Z]{1,3}$/.test(p) && /^[A-Z]{1,3}$/.test(q)) {
    const c1 = columnNumber(p);
    const c2 = columnNumber(q);
    return check({ top: 1, left: Math.min(c1, c2), bottom: 1048576, right: Math.max(c1, c2) }, address);
  }
  throw new FakeExcelError("InvalidArgument", `address "${address}"`);
}

export function check(a: Area, address: string): Area {
  if (a.top < 1 || a.left < 1 || a.bottom > 1048576 || a.right > 16384) throw new FakeExcelError("InvalidArgument", `address "${address}"`);
  return a;
}

const key = (row: number, col: number): string => `${row},${col}`;

function sheetQualified(sheet: string, area: string): string {
  return /^[A-Za-z0-9_]+$/.test(sheet) ? `${sheet}!${area}` : `'${sheet.replace(/'/g, "''")}'!${area}`;
}

function areaText(a: Area): string {
  return a.top === a.bottom && a.left === a.right ? cellAddress(a.top, a.left) : rangeAddress(a.top, a.left, a.bottom, a.right);
}

function stripSheet(address: string): string {
  const bang = address.lastIndexOf("!");
  return address.slice(bang + 1).replace(/\$/g, "");
}

function intersects(a: Area, b: Area): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** A queued, loadable proxy: `load()` marks properties; `sync()` fills them from `read`. */
abstract class Loadable {
  private loaded = new Map<string, unknown>();
  constructor(protected ctx: FakeContext) {}
  protected abstract readProperty(name: string): unknown;
  load(spec?: string | string[] | { select?: string }): this {
    const names = typeof spec === "string" ? spec.split(",") : Array.isArray(spec) ? spec : (spec?.select ?? "").split(",");
    const trimmed = names.map((n) => n.trim()).filter(Boolean);
    this.ctx.queue(() => this.applyLoad(trimmed));
    return this;
  }
  /** Runs at sync: reads each (possibly nested `a/b/c`) property now. */
  applyLoad(names: string[]): void {
    for (const n of names) {
      const [head, ...rest] = n.split("/");
      if (rest.length === 0) {
        const value = this.readNullable(head);
        this.loaded.set(head, value);
        this.ctx.countResponse(value);
      }
      else this.nested(head).applyLoad([rest.join("/")]);
    }
  }
  protected nested(name: string): Loadable {
    throw new FakeExcelError("InvalidArgument", `no navigation property ${name}`);
  }
  /** True for objects from `…OrNullObject`: loading them never fails, their properties are undefined. */
  protected nullable = false;
  /** Office fills `isNullObject` of an …OrNullObject proxy at the next sync, loaded or not. */
  protected makeNullable(): void {
    this.nullable = true;
    this.ctx.queue(() => this.loaded.set("isNullObject", this.readNullable("isNullObject")));
  }
  private readNullable(name: string): unknown {
    try {
      return this.readProperty(name);
    } catch (e) {
      if (this.nullable && e instanceof FakeExcelError && e.code === "ItemNotFound") return undefined;
      throw e;
    }
  }
  protected get<T>(name: string): T {
    if (!this.loaded.has(name)) throw new PropertyNotLoaded(`${this.constructor.name}.${name}`);
    return this.loaded.get(name) as T;
  }
}

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  merges: Area[] = [];
  notes = new Map<string, FakeNote>();
  threadedComments = new Set<string>();
  /** The text of each threaded comment, by cell. */
  commentText = new Map<string, string>();
  conditionalFormats: FakeConditionalFormat[] = [];
  hiddenRows = new Set<number>();
  hiddenCols = new Set<number>();
  tables: SheetTable[] = [];
  handlers: Record<"onChanged" | "onCalculated" | "onSelectionChanged", Set<Handler>> = {
    onChanged: new Set(),
    onCalculated: new Set(),
    onSelectionChanged: new Set(),
  };
  constructor(
    public name: string,
    public id: string,
  ) {}

  /** A deep copy (same id): an undo record, or the state before a failed request. */
  clone(): FakeSheet {
    const c = new FakeSheet(this.name, this.id);
    c.assignFrom(this);
    return c;
  }

  /** Takes every piece of state of `other` (copied). */
  assignFrom(other: FakeSheet): void {
    this.name = other.name;
    this.cells = new Map([...other.cells].map(([k, v]) => [k, { ...v }]));
    this.merges = other.merges.map((m) => ({ ...m }));
    this.notes = new Map([...other.notes].map(([k, v]) => [k, { ...v }]));
    this.threadedComments = new Set(other.threadedComments);
    this.commentText = new Map(other.commentText);
    this.conditionalFormats = other.conditionalFormats.map((cf) => ({ ...cf, areas: cf.areas.map((a) => ({ ...a })) }));
    this.hiddenRows = new Set(other.hiddenRows);
    this.hiddenCols = new Set(other.hiddenCols);
    this.tables = other.tables.map((t) => ({ ...t, area: { ...t.area } }));
  }

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(key(row, col));
  }

  /** The user types into a cell (no event: call `fireChanged` for that). */
  setCell(row: number, col: number, value: CellValue, formula: string | null = null): void {
    const old = this.cells.get(key(row, col));
    if (value === null && formula === null && !old?.fill) this.cells.delete(key(row, col));
    else this.cells.set(key(row, col), { value, formula, numberFormat: old?.numberFormat ?? "General", fill: old?.fill });
  }

  /** The user deletes a whole row: cells, notes, comments, merges and formats below move up. */
  deleteRow(row: number): void {
    const shift = (r: number): number => (r > row ? r - 1 : r);
    const cells = new Map<string, FakeCell>();
    for (const [k, c] of this.cells) {
      const [r, col] = k.split(",").map(Number);
      if (r !== row) cells.set(key(shift(r), col), c);
    }
    this.cells = cells;
    const moveAddr = (addr: string): string | null => {
      const a = parseArea(addr);
      return a.top === row ? null : cellAddress(shift(a.top), a.left);
    };
    const notes = new Map<string, FakeNote>();
    for (const [addr, n] of this.notes) {
      const to = moveAddr(addr);
      if (to) notes.set(to, n);
    }
    this.notes = notes;
    this.threadedComments = new Set([...this.threadedComments].map(moveAddr).filter((a): a is string => a !== null));
    const moveArea = (a: Area): Area | null => (a.top === row && a.bottom === row ? null : { ...a, top: a.top > row ? a.top - 1 : a.top, bottom: a.bottom >= row ? a.bottom - 1 : a.bottom });
    this.merges = this.merges.map(moveArea).filter((a): a is Area => a !== null);
    for (const cf of this.conditionalFormats) cf.areas = cf.areas.map(moveArea).filter((a): a is Area => a !== null);
    this.conditionalFormats = this.conditionalFormats.filter((cf) => cf.areas.length > 0);
  }

  /** The user inserts a whole row above `row`: everything from it down moves one row lower. */
  insertRow(row: number): void {
    const shift = (r: number): number => (r >= row ? r + 1 : r);
    const cells = new Map<string, FakeCell>();
    for (const [k, c] of this.cells) {
      const [r, col] = k.split(",").map(Number);
      cells.set(key(shift(r), col), c);
    }
    this.cells = cells;
    const moveAddr = (addr: string): string => {
      const a = parseArea(addr);
      return cellAddress(shift(a.top), a.left);
    };
    this.notes = new Map([...this.notes].map(([a, n]) => [moveAddr(a), n]));
    this.threadedComments = new Set([...this.threadedComments].map(moveAddr));
    this.commentText = new Map([...this.commentText].map(([a, t]) => [moveAddr(a), t]));
    const moveArea = (a: Area): Area => ({ ...a, top: shift(a.top), bottom: a.bottom >= row ? a.bottom + 1 : a.bottom });
    this.merges = this.merges.map(moveArea);
    for (const cf of this.conditionalFormats) cf.areas = cf.areas.map(moveArea);
    this.tables = this.tables.map((t) => ({ ...t, area: moveArea(t.area) }));
    this.hiddenRows = new Set([...this.hiddenRows].map(shift));
  }

  /** Bounding box of the cells holding values (what getUsedRange(true) returns). */
  usedArea(): Area | null {
    let a: Area | null = null;
    for (const [k, c] of this.cells) {
      if (c.value === null && c.formula === null) continue;
      const [row, col] = k.split(",").map(Number);
      a = a ? { top: Math.min(a.top, row), left: Math.min(a.left, col), bottom: Math.max(a.bottom, row), right: Math.max(a.right, col) } : { top: row, left: col, bottom: row, right: col };
    }
    return a;
  }
}

export class FakeWorkbookModel {
  sheets: FakeSheet[] = [];
  customXmlParts: { id: string; namespaceUri: string; xml: string }[] = [];
  selected: { sheet: string; address: string } | null = null;
  active: string | null = null;
  /** ExcelApi sets the fake host supports, e.g. 1.18 for notes. */
  apiVersion = 1.18;
  private nextId = 1;

  static fromSnapshot(snapshot: WorkbookSnapshot): FakeWorkbookModel {
    const wb = new FakeWorkbookModel();
    for (const s of snapshot.sheets) wb.addSheet(s);
    return wb;
  }

  newId(prefix: string): string {
    return `{${prefix}-${this.nextId++}}`;
  }

  copyIdsFrom(other: FakeWorkbookModel): void {
    this.nextId = other.nextId;
  }

  addSheet(s: SheetSnapshot): FakeSheet {
    const sheet = new FakeSheet(s.name, this.newId("sheet"));
    for (const { row, col, cell } of eachCell(s)) sheet.cells.set(key(row, col), { value: cell.value, formula: cell.formula, numberFormat: cell.numberFormat });
    sheet.merges = s.merges.map((m) => ({ ...m }));
    for (const span of s.hiddenRows) for (let r = span.from; r <= span.to; r++) sheet.hiddenRows.add(r);
    for (const span of s.hiddenCols) for (let c = span.from; c <= span.to; c++) sheet.hiddenCols.add(c);
    sheet.tables = s.tables.map((t) => ({ ...t, area: { ...t.area } }));
    for (const n of s.notes) {
      const at = cellAddress(n.row, n.col);
      if (n.kind === "note") sheet.notes.set(at, { content: n.text, authorName: "" });
      else {
        sheet.threadedComments.add(at);
        sheet.commentText.set(at, n.text);
      }
    }
    this.sheets.push(sheet);
    return sheet;
  }

  /** By name or id, as Office's `worksheets.getItem(key)`. */
  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name || x.id === name);
    if (!s) throw new FakeExcelError("ItemNotFound", `worksheet ${name}`);
    return s;
  }
}

/** The request context: a queue of calls, run in order by sync(); syncs counted. */
export class FakeContext {
  readonly workbook: FakeWorkbook;
  syncCount = 0;
  /** Approximate JSON bytes of the loaded data, per sync (the response Excel would send). */
  readonly responseBytes: number[] = [];
  private ops: Op[] = [];
  private bytes = 0;
  countResponse(value: unknown): void {
    this.bytes += value === undefined ? 0 : JSON.stringify(value).length;
  }
  constructor(public model: FakeWorkbookModel) {
    this.workbook = new FakeWorkbook(this);
  }
  queue(op: Op): void {
    this.ops.push(op);
  }
  async sync(): Promise<void> {
    this.syncCount++;
    const ops = this.ops;
    this.ops = [];
    this.bytes = 0;
    try {
      for (const op of ops) op(); // a throwing op rejects the sync; later ops are dropped
    } finally {
      this.responseBytes.push(this.bytes);
    }
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly customXmlParts: FakeCustomXmlPartCollection;
  constructor(private ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.customXmlParts = new FakeCustomXmlPartCollection(ctx);
  }
  getSelectedRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const sel = this.ctx.model.selected;
      if (!sel) throw new FakeExcelError("ItemNotFound", "no selection");
      return { sheet: this.ctx.model.sheet(sel.sheet), area: parseArea(stripSheet(sel.address)) };
    });
  }
}

class FakeWorksheetCollection extends Loadable {
  private itemProxies: FakeWorksheet[] = [];
  protected readProperty(name: string): unknown {
    throw new FakeExcelError("InvalidArgument", `WorksheetCollection.${name}`);
  }
  override applyLoad(names: string[]): void {
    this.itemProxies = this.ctx.model.sheets.map((s) => new FakeWorksheet(this.ctx, () => s));
    for (const n of names) {
      const path = n.replace(/^items\//, "");
      for (const item of this.itemProxies) item.applyLoad([path]);
    }
    this.loadedItems = true;
  }
  private loadedItems = false;
  get items(): FakeWorksheet[] {
    if (!this.loadedItems) throw new PropertyNotLoaded("WorksheetCollection.items");
    return this.itemProxies;
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.model.sheet(name));
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    const ws = new FakeWorksheet(this.ctx, () => this.ctx.model.sheets.find((s) => s.name === name || s.id === name) ?? null);
    ws.markNullable();
    return ws;
  }
}

class FakeEvent {
  constructor(
    private ctx: FakeContext,
    private set: () => Set<Handler>,
  ) {}
  add(handler: Handler): { remove: () => void; context: FakeContext } {
    // Registration takes effect at sync, like every other call; so does removal, which must
    // go through the context the handler was added with.
    this.ctx.queue(() => this.set().add(handler));
    return { context: this.ctx, remove: () => this.ctx.queue(() => this.set().delete(handler)) };
  }
}

export class FakeWorksheet extends Loadable {
  constructor(
    ctx: FakeContext,
    private resolve: () => FakeSheet | null,
  ) {
    super(ctx);
  }
  markNullable(): void {
    this.makeNullable();
  }
  private target(): FakeSheet {
    const s = this.resolve();
    if (!s) throw new FakeExcelError("ItemNotFound", "worksheet (null object)");
    return s;
  }
  protected readProperty(name: string): unknown {
    const s = this.resolve();
    if (name === "isNullObject") return s === null;
    const t = this.target();
    if (name === "name") return t.name;
    if (name === "id") return t.id;
    if (name === "visibility") return "Visible";
    throw new FakeExcelError("InvalidArgument", `Worksheet.${name}`);
  }
  get name(): string {
    return this.get("name");
  }
  get id(): string {
    return this.get("id");
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get onChanged(): FakeEvent {
    return new FakeEvent(this.ctx, () => this.target().handlers.onChanged);
  }
  get onCalculated(): FakeEvent {
    return new FakeEvent(this.ctx, () => this.target().handlers.onCalculated);
  }
  get onSelectionChanged(): FakeEvent {
    return new FakeEvent(this.ctx, () => this.target().handlers.onSelectionChanged);
  }
  get notes(): FakeNoteCollection {
    if (this.ctx.model.apiVersion < 1.18) throw new FakeExcelError("ApiNotFound", "Worksheet.notes needs ExcelApi 1.18");
    return new FakeNoteCollection(this.ctx, () => this.target());
  }
  get comments(): FakeCommentCollection {
    return new FakeCommentCollection(this.ctx, () => this.target());
  }
  get tables(): FakeTableCollection {
    return new FakeTableCollection(this.ctx, () => this.target());
  }
  delete(): void {
    this.ctx.queue(() => {
      const s = this.target();
      this.ctx.model.sheets = this.ctx.model.sheets.filter((x) => x !== s);
    });
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, () => {
      const sheet = this.target();
      const area = address ? parseArea(stripSheet(address)) : { top: 1, left: 1, bottom: 1048576, right: 16384 };
      return { sheet, area };
    });
  }
  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, () => ({ sheet: this.target(), areas: address.split(",").map((a) => parseArea(stripSheet(a.trim()))) }));
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.ctx, () => ({
      sheet: this.target(),
      area: { top: startRow + 1, left: startColumn + 1, bottom: startRow + rowCount, right: startColumn + columnCount },
    }));
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    if (valuesOnly !== true) throw new FakeExcelError("InvalidArgument", "the adapter reads the used range with valuesOnly = true");
    return new FakeRange(this.ctx, () => {
      const sheet = this.target();
      const area = sheet.usedArea();
      return area ? { sheet, area } : null;
    }, true);
  }
  activate(): void {
    this.ctx.queue(() => {
      this.ctx.model.active = this.target().name;
    });
  }
}

type RangeTarget = { sheet: FakeSheet; area: Area } | null;

function officeValue(c: FakeCell | undefined): { value: unknown; type: string; formula: unknown } {
  if (!c || (c.value === null && c.formula === null)) return { value: "", type: "Empty", formula: "" };
  const v = c.value;
  let value: unknown;
  let type: string;
  if (v === null) [value, type] = ["", "Empty"];
  else if (isCellError(v)) [value, type] = [v.error, "Error"];
  else if (typeof v === "number") [value, type] = [v, "Double"];
  else if (typeof v === "boolean") [value, type] = [v, "Boolean"];
  else [value, type] = [v, "String"];
  return { value, type, formula: c.formula ?? value };
}

export class FakeRange extends Loadable {
  constructor(
    ctx: FakeContext,
    readonly resolve: () => RangeTarget,
    nullable = false,
  ) {
    super(ctx);
    if (nullable) this.makeNullable();
  }
  private target(): { sheet: FakeSheet; area: Area } {
    const t = this.resolve();
    if (!t) throw new FakeExcelError("ItemNotFound", "range (null object)");
    return t;
  }
  private grid<T>(f: (c: FakeCell | undefined) => T): T[][] {
    const { sheet, area } = this.target();
    const out: T[][] = [];
    for (let r = area.top; r <= area.bottom; r++) {
      const line: T[] = [];
      for (let c = area.left; c <= area.right; c++) line.push(f(sheet.cell(r, c)));
      out.push(line);
    }
    return out;
  }
  protected readProperty(name: string): unknown {
    if (name === "isNullObject") return this.resolve() === null;
    const { sheet, area } = this.target();
    switch (name) {
      case "address":
        return sheetQualified(sheet.name, areaText(area));
      case "rowIndex":
        return area.top - 1;
      case "columnIndex":
        return area.left - 1;
      case "rowCount":
        return area.bottom - area.top + 1;
      case "columnCount":
        return area.right - area.left + 1;
      case "values":
        return this.grid((c) => officeValue(c).value);
      case "valueTypes":
        return this.grid((c) => officeValue(c).type);
      case "formulas":
        return this.grid((c) => officeValue(c).formula);
      case "numberFormat":
        return this.grid((c) => c?.numberFormat ?? "General");
      default:
        throw new FakeExcelError("InvalidArgument", `Range.${name}`);
    }
  }
  get address(): string {
    return this.get("address");
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get values(): unknown[][] {
    return this.get("values");
  }
  get valueTypes(): string[][] {
    return this.get("valueTypes");
  }
  get formulas(): unknown[][] {
    return this.get("formulas");
  }
  get numberFormat(): unknown[][] {
    return this.get("numberFormat");
  }
  set formulas(v: unknown[][]) {
    this.ctx.queue(() => {
      const { sheet, area } = this.target();
      v.forEach((line, i) =>
        line.forEach((f, j) => {
          const text = typeof f === "string" ? f : f === null || f === undefined ? "" : String(f);
          if (text.startsWith("=")) sheet.setCell(area.top + i, area.left + j, null, text);
          else if (text === "") sheet.setCell(area.top + i, area.left + j, null, null);
          else sheet.setCell(area.top + i, area.left + j, typeof f === "number" ? f : text, null);
        }),
      );
    });
  }
  set values(v: unknown[][]) {
    this.ctx.queue(() => {
      const { sheet, area } = this.target();
      v.forEach((line, i) => line.forEach((x, j) => sheet.setCell(area.top + i, area.left + j, x === "" || x === undefined ? null : (x as CellValue), null)));
    });
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return new FakeConditionalFormatCollection(this.ctx, () => {
      const t = this.target();
      return { sheet: t.sheet, areas: [t.area] };
    });
  }
  getIntersectionOrNullObject(other: FakeRange): FakeRange {
    return new FakeRange(this.ctx, () => {
      const a = this.resolve();
      const b = other.resolve();
      if (!a || !b || a.sheet !== b.sheet || !intersects(a.area, b.area)) return null;
      return {
        sheet: a.sheet,
        area: { top: Math.max(a.area.top, b.area.top), left: Math.max(a.area.left, b.area.left), bottom: Math.min(a.area.bottom, b.area.bottom), right: Math.min(a.area.right, b.area.right) },
      };
    }, true);
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, () => {
      const { sheet, area } = this.target();
      const areas = sheet.merges.filter((m) => intersects(m, area));
      return areas.length ? { sheet, areas } : null;
    });
  }
  getSpecialCellsOrNullObject(cellType: string): FakeRangeAreas {
    if (cellType === "Visible") {
      return new FakeRangeAreas(this.ctx, () => {
        const t = this.resolve();
        if (!t) return null;
        const { sheet, area } = t;
        const spans = (from: number, to: number, hidden: Set<number>): [number, number][] => {
          const out: [number, number][] = [];
          for (let n = from; n <= to; n++) {
            if (hidden.has(n)) continue;
            const last = out[out.length - 1];
            if (last && last[1] === n - 1) last[1] = n;
            else out.push([n, n]);
          }
          return out;
        };
        const areas: Area[] = [];
        for (const [top, bottom] of spans(area.top, area.bottom, sheet.hiddenRows)) for (const [left, right] of spans(area.left, area.right, sheet.hiddenCols)) areas.push({ top, left, bottom, right });
        return areas.length ? { sheet, areas } : null;
      });
    }
    if (cellType !== "Comments") throw new FakeExcelError("InvalidArgument", `special cells ${cellType}`);
    return new FakeRangeAreas(this.ctx, () => {
      const { sheet, area } = this.target();
      const cells = [...sheet.notes.keys(), ...sheet.threadedComments].map((a) => parseArea(a)).filter((a) => intersects(a, area));
      return cells.length ? { sheet, areas: cells } : null;
    });
  }
  select(): void {
    this.ctx.queue(() => {
      const { sheet, area } = this.target();
      this.ctx.model.selected = { sheet: sheet.name, address: areaText(area) };
      this.ctx.model.active = sheet.name;
    });
  }
}

class FakeRangeAreas extends Loadable {
  constructor(
    ctx: FakeContext,
    private resolve: () => { sheet: FakeSheet; areas: Area[] } | null,
  ) {
    super(ctx);
    this.makeNullable();
  }
  protected readProperty(name: string): unknown {
    const t = this.resolve();
    if (name === "isNullObject") return t === null;
    if (!t) throw new FakeExcelError("ItemNotFound", "range areas (null object)");
    if (name === "address") return t.areas.map((a) => sheetQualified(t.sheet.name, areaText(a))).join(",");
    if (name === "areaCount") return t.areas.length;
    throw new FakeExcelError("InvalidArgument", `RangeAreas.${name}`);
  }
  get address(): string {
    return this.get("address");
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return new FakeConditionalFormatCollection(this.ctx, () => {
      const t = this.resolve();
      if (!t) throw new FakeExcelError("ItemNotFound", "range areas (null object)");
      return t;
    });
  }
}

class FakeConditionalFormatCollection extends Loadable {
  private itemProxies: FakeConditionalFormat_[] = [];
  private loadedItems = false;
  constructor(
    ctx: FakeContext,
    private resolve: () => { sheet: FakeSheet; areas: Area[] },
  ) {
    super(ctx);
  }
  protected readProperty(name: string): unknown {
    throw new FakeExcelError("InvalidArgument", `ConditionalFormatCollection.${name}`);
  }
  override applyLoad(names: string[]): void {
    const { sheet, areas } = this.resolve();
    const hit = sheet.conditionalFormats.filter((cf) => cf.areas.some((a) => areas.some((b) => intersects(a, b))));
    this.itemProxies = hit.map((cf) => new FakeConditionalFormat_(this.ctx, () => ({ sheet, cf })));
    for (const n of names) for (const item of this.itemProxies) item.applyLoad([n.replace(/^items\//, "")]);
    this.loadedItems = true;
  }
  get items(): FakeConditionalFormat_[] {
    if (!this.loadedItems) throw new PropertyNotLoaded("ConditionalFormatCollection.items");
    return this.itemProxies;
  }
  add(type: string): FakeConditionalFormat_ {
    let made: { sheet: FakeSheet; cf: FakeConditionalFormat } | null = null;
    this.ctx.queue(() => {
      const { sheet, areas } = this.resolve();
      const cf: FakeConditionalFormat = { id: this.ctx.model.newId("cf"), type, areas: areas.map((a) => ({ ...a })), formula: null, fill: null, font: null };
      sheet.conditionalFormats.unshift(cf); // new formats take the top priority
      made = { sheet, cf };
    });
    return new FakeConditionalFormat_(this.ctx, () => {
      if (!made) throw new FakeExcelError("GeneralException", "conditional format not yet added");
      return made;
    });
  }
  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this.ctx.queue(() => {
      const { sheet, areas } = this.resolve();
      r.set(sheet.conditionalFormats.filter((cf) => cf.areas.some((a) => areas.some((b) => intersects(a, b)))).length);
    });
    return r;
  }
  getItem(id: string): FakeConditionalFormat_ {
    return new FakeConditionalFormat_(this.ctx, () => {
      const { sheet } = this.resolve();
      const cf = sheet.conditionalFormats.find((x) => x.id === id);
      if (!cf) throw new FakeExcelError("ItemNotFound", `conditional format ${id}`);
      return { sheet, cf };
    });
  }
}

/** Stands for Excel.ConditionalFormat (underscore: the data record took the plain name). */
class FakeConditionalFormat_ extends Loadable {
  constructor(
    ctx: FakeContext,
    private resolve: () => { sheet: FakeSheet; cf: FakeConditionalFormat },
  ) {
    super(ctx);
  }
  protected readProperty(name: string): unknown {
    const { cf } = this.resolve();
    if (name === "id") return cf.id;
    if (name === "type") return cf.type;
    throw new FakeExcelError("InvalidArgument", `ConditionalFormat.${name}`);
  }
  protected override nested(name: string): Loadable {
    if (name === "customOrNullObject") return new FakeCustom(this.ctx, () => this.resolve().cf, true);
    if (name === "custom") return new FakeCustom(this.ctx, () => this.resolve().cf, false);
    return super.nested(name);
  }
  get id(): string {
    return this.get("id");
  }
  get type(): string {
    return this.get("type");
  }
  get custom(): FakeCustom {
    return new FakeCustom(this.ctx, () => this.resolve().cf, false);
  }
  get customOrNullObject(): FakeCustom {
    return this.nestedCustom ?? (this.nestedCustom = new FakeCustom(this.ctx, () => this.resolve().cf, true));
  }
  private nestedCustom: FakeCustom | null = null;
  override applyLoad(names: string[]): void {
    // Loading `customOrNullObject/...` through the collection fills the same proxy the getter returns.
    const rest: string[] = [];
    for (const n of names) {
      if (n.startsWith("customOrNullObject/")) this.customOrNullObject.applyLoad([n.slice("customOrNullObject/".length)]);
      else rest.push(n);
    }
    super.applyLoad(rest);
  }
  delete(): void {
    this.ctx.queue(() => {
      const { sheet, cf } = this.resolve();
      sheet.conditionalFormats = sheet.conditionalFormats.filter((x) => x !== cf);
    });
  }
}

class FakeCustom extends Loadable {
  readonly rule: FakeRule;
  readonly format: { fill: { color: string }; font: { color: string } };
  constructor(
    ctx: FakeContext,
    private cf: () => FakeConditionalFormat,
    private orNull: boolean,
  ) {
    super(ctx);
    this.rule = new FakeRule(ctx, () => this.target());
    const queueSet = (field: "fill" | "font") => ({
      set color(v: string) {
        ctx.queue(() => {
          cfTarget()[field] = v;
        });
      },
      get color(): string {
        throw new PropertyNotLoaded(`${field}.color`);
      },
    });
    const cfTarget = (): FakeConditionalFormat => this.target();
    this.format = { fill: queueSet("fill"), font: queueSet("font") };
  }
  private target(): FakeConditionalFormat {
    const cf = this.cf();
    if (cf.type !== "Custom") throw new FakeExcelError("InvalidOperation", "not a custom conditional format");
    return cf;
  }
  protected readProperty(name: string): unknown {
    if (name === "isNullObject") return this.orNull && this.cf().type !== "Custom";
    throw new FakeExcelError("InvalidArgument", `CustomConditionalFormat.${name}`);
  }
  protected override nested(name: string): Loadable {
    if (name === "rule") return this.rule;
    return super.nested(name);
  }
  override applyLoad(names: string[]): void {
    if (this.orNull && this.cf().type !== "Custom") {
      super.applyLoad(["isNullObject"]);
      return; // a null object: nested loads give nothing
    }
    super.applyLoad([...names, "isNullObject"]);
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
}

class FakeRule extends Loadable {
  constructor(
    ctx: FakeContext,
    private cf: () => FakeConditionalFormat,
  ) {
    super(ctx);
  }
  protected readProperty(name: string): unknown {
    if (name === "formula") return this.cf().formula;
    throw new FakeExcelError("InvalidArgument", `ConditionalFormatRule.${name}`);
  }
  get formula(): string {
    return this.get("formula");
  }
  set formula(v: string) {
    this.ctx.queue(() => {
      this.cf().formula = v;
    });
  }
}

class FakeNoteCollection extends Loadable {
  private itemProxies: FakeNoteProxy[] = [];
  private loadedItems = false;
  constructor(
    ctx: FakeContext,
    private sheet: () => FakeSheet,
  ) {
    super(ctx);
  }
  protected readProperty(name: string): unknown {
    throw new FakeExcelError("InvalidArgument", `NoteCollection.${name}`);
  }
  override applyLoad(names: string[]): void {
    const sheet = this.sheet();
    this.itemProxies = [...sheet.notes.keys()].map((addr) => new FakeNoteProxy(this.ctx, () => ({ sheet, addr }), false));
    for (const n of names) for (const item of this.itemProxies) item.applyLoad([n.replace(/^items\//, "")]);
    this.loadedItems = true;
  }
  get items(): FakeNoteProxy[] {
    if (!this.loadedItems) throw new PropertyNotLoaded("NoteCollection.items");
    return this.itemProxies;
  }
  add(cellAddress: string, content: string): FakeNoteProxy {
    const addr = stripSheet(cellAddress);
    this.ctx.queue(() => {
      const sheet = this.sheet();
      if (sheet.notes.has(addr) || sheet.threadedComments.has(addr)) throw new FakeExcelError("InvalidArgument", `cell ${addr} already has a note or comment`);
      sheet.notes.set(addr, { content, authorName: "IKI Checker" });
    });
    return new FakeNoteProxy(this.ctx, () => ({ sheet: this.sheet(), addr }), false);
  }
  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this.ctx.queue(() => r.set(this.sheet().notes.size));
    return r;
  }
  getItem(cellAddress: string): FakeNoteProxy {
    return new FakeNoteProxy(this.ctx, () => ({ sheet: this.sheet(), addr: stripSheet(cellAddress) }), false);
  }
  /** By position; the proxy keeps to the note found at sync, wherever it is. */
  getItemAt(index: number): FakeNoteProxy {
    let found: { sheet: FakeSheet; addr: string } | null = null;
    this.ctx.queue(() => {
      const sheet = this.sheet();
      const addr = [...sheet.notes.keys()][index];
      if (addr === undefined) throw new FakeExcelError("ItemNotFound", `note #${index}`);
      found = { sheet, addr };
    });
    return new FakeNoteProxy(
      this.ctx,
      () => {
        if (!found) throw new FakeExcelError("GeneralException", "note not yet resolved");
        return found;
      },
      false,
    );
  }
  getItemOrNullObject(cellAddress: string): FakeNoteProxy {
    return new FakeNoteProxy(this.ctx, () => ({ sheet: this.sheet(), addr: stripSheet(cellAddress) }), true);
  }
}

class FakeNoteProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    private resolve: () => { sheet: FakeSheet; addr: string },
    private orNull: boolean,
  ) {
    super(ctx);
    if (orNull) this.makeNullable();
  }
  private note(): FakeNote {
    const { sheet, addr } = this.resolve();
    const n = sheet.notes.get(addr);
    if (!n) throw new FakeExcelError("ItemNotFound", `note at ${addr}`);
    return n;
  }
  protected readProperty(name: string): unknown {
    if (name === "isNullObject") return this.orNull && !this.resolve().sheet.notes.has(this.resolve().addr);
    if (name === "content") return this.note().content;
    if (name === "authorName") return this.note().authorName;
    throw new FakeExcelError("InvalidArgument", `Note.${name}`);
  }
  get content(): string {
    return this.get("content");
  }
  set content(v: string) {
    this.ctx.queue(() => {
      this.note().content = v;
    });
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  getLocation(): FakeRange {
    return new FakeRange(this.ctx, () => {
      this.note();
      const { sheet, addr } = this.resolve();
      return { sheet, area: parseArea(addr) };
    });
  }
  delete(): void {
    this.ctx.queue(() => {
      this.note();
      const { sheet, addr } = this.resolve();
      sheet.notes.delete(addr);
    });
  }
}

class FakeCommentCollection {
  constructor(
    private ctx: FakeContext,
    private sheet: () => FakeSheet,
  ) {}
  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this.ctx.queue(() => r.set(this.sheet().threadedComments.size));
    return r;
  }
  getItemAt(index: number): FakeCommentProxy {
    return new FakeCommentProxy(this.ctx, () => {
      const sheet = this.sheet();
      const addr = [...sheet.threadedComments][index];
      if (addr === undefined) throw new FakeExcelError("ItemNotFound", `comment #${index}`);
      return { sheet, addr };
    });
  }
}

class FakeCommentProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    private resolve: () => { sheet: FakeSheet; addr: string },
  ) {
    super(ctx);
  }
  protected readProperty(name: string): unknown {
    const { sheet, addr } = this.resolve();
    if (name === "content") return sheet.commentText.get(addr) ?? "";
    throw new FakeExcelError("InvalidArgument", `Comment.${name}`);
  }
  get content(): string {
    return this.get("content");
  }
  getLocation(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const { sheet, addr } = this.resolve();
      return { sheet, area: parseArea(addr) };
    });
  }
}

class FakeTableCollection extends Loadable {
  private itemProxies: FakeTableProxy[] = [];
  private loadedItems = false;
  constructor(
    ctx: FakeContext,
    private sheet: () => FakeSheet,
  ) {
    super(ctx);
  }
  protected readProperty(name: string): unknown {
    throw new FakeExcelError("InvalidArgument", `TableCollection.${name}`);
  }
  override applyLoad(names: string[]): void {
    const sheet = this.sheet();
    this.itemProxies = sheet.tables.map((_, i) => new FakeTableProxy(this.ctx, () => sheet.tables[i]));
    for (const n of names) for (const item of this.itemProxies) item.applyLoad([n.replace(/^items\//, "")]);
    this.loadedItems = true;
  }
  get items(): FakeTableProxy[] {
    if (!this.loadedItems) throw new PropertyNotLoaded("TableCollection.items");
    return this.itemProxies;
  }
  getItemAt(index: number): FakeTableProxy {
    return new FakeTableProxy(this.ctx, () => {
      const t = this.sheet().tables[index];
      if (!t) throw new FakeExcelError("ItemNotFound", `table #${index}`);
      return t;
    }, this.sheet);
  }
}

class FakeTableProxy extends Loadable {
  constructor(
    ctx: FakeContext,
    private table: () => SheetTable,
    private sheet?: () => FakeSheet,
  ) {
    super(ctx);
  }
  protected readProperty(name: string): unknown {
    const t = this.table();
    if (name === "name") return t.name;
    if (name === "showHeaders") return t.headerRows > 0;
    if (name === "showTotals") return t.totalsRows > 0;
    if (name === "showFilterButton") return t.autoFilter;
    throw new FakeExcelError("InvalidArgument", `Table.${name}`);
  }
  get name(): string {
    return this.get("name");
  }
  get showHeaders(): boolean {
    return this.get("showHeaders");
  }
  get showTotals(): boolean {
    return this.get("showTotals");
  }
  get showFilterButton(): boolean {
    return this.get("showFilterButton");
  }
  getRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      if (!this.sheet) throw new FakeExcelError("InvalidArgument", "Table.getRange of a collection item");
      return { sheet: this.sheet(), area: { ...this.table().area } };
    });
  }
}

class FakeClientResult<T> {
  private ready = false;
  private v: T | undefined;
  set(v: T): void {
    this.v = v;
    this.ready = true;
  }
  get value(): T {
    if (!this.ready) throw new PropertyNotLoaded("ClientResult.value");
    return this.v as T;
  }
}

class FakeCustomXmlPartCollection {
  constructor(private ctx: FakeContext) {}
  add(xml: string): FakeCustomXmlPart {
    let id = "";
    this.ctx.queue(() => {
      const ns = /xmlns="([^"]*)"/.exec(xml)?.[1] ?? "";
      id = this.ctx.model.newId("xml");
      this.ctx.model.customXmlParts.push({ id, namespaceUri: ns, xml });
    });
    return new FakeCustomXmlPart(this.ctx, () => this.ctx.model.customXmlParts.find((p) => p.id === id) ?? null, false);
  }
  getItem(id: string): FakeCustomXmlPart {
    return new FakeCustomXmlPart(this.ctx, () => this.ctx.model.customXmlParts.find((p) => p.id === id) ?? null, false);
  }
  getItemOrNullObject(id: string): FakeCustomXmlPart {
    return new FakeCustomXmlPart(this.ctx, () => this.ctx.model.customXmlParts.find((p) => p.id === id) ?? null, true);
  }
  getByNamespace(ns: string): { getOnlyItemOrNullObject(): FakeCustomXmlPart; load(spec: string): void; readonly items: { id: string }[] } {
    let items: { id: string }[] | null = null;
    return {
      load: (spec: string) => {
        if (spec !== "items/id") throw new FakeExcelError("InvalidArgument", `load ${spec}`);
        this.ctx.queue(() => {
          items = this.ctx.model.customXmlParts.filter((p) => p.namespaceUri === ns).map((p) => ({ id: p.id }));
        });
      },
      get items(): { id: string }[] {
        if (!items) throw new PropertyNotLoaded("CustomXmlPartScopedCollection.items");
        return items;
      },
      getOnlyItemOrNullObject: () =>
        new FakeCustomXmlPart(
          this.ctx,
          () => {
            const parts = this.ctx.model.customXmlParts.filter((p) => p.namespaceUri === ns);
            if (parts.length > 1) throw new FakeExcelError("InvalidOperation", `${parts.length} parts in ${ns}`);
            return parts[0] ?? null;
          },
          true,
        ),
    };
  }
}

class FakeCustomXmlPart extends Loadable {
  constructor(
    ctx: FakeContext,
    private resolve: () => { id: string; namespaceUri: string; xml: string } | null,
    private orNull: boolean,
  ) {
    super(ctx);
    if (orNull) this.makeNullable();
  }
  private part(): { id: string; namespaceUri: string; xml: string } {
    const p = this.resolve();
    if (!p) throw new FakeExcelError("ItemNotFound", "custom XML part");
    return p;
  }
  protected readProperty(name: string): unknown {
    if (name === "isNullObject") return this.orNull && this.resolve() === null;
    if (name === "id") return this.part().id;
    if (name === "namespaceUri") return this.part().namespaceUri;
    throw new FakeExcelError("InvalidArgument", `CustomXmlPart.${name}`);
  }
  get id(): string {
    return this.get("id");
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  getXml(): FakeClientResult<string> {
    const r = new FakeClientResult<string>();
    this.ctx.queue(() => {
      const p = this.resolve();
      // On a null object the result stays empty, like Office's.
      r.set(p ? p.xml : "");
    });
    return r;
  }
  setXml(xml: string): void {
    this.ctx.queue(() => {
      this.part().xml = xml;
    });
  }
  delete(): void {
    this.ctx.queue(() => {
      const p = this.part();
      this.ctx.model.customXmlParts = this.ctx.model.customXmlParts.filter((x) => x !== p);
    });
  }
}

/** A fake host: `run` gives each batch a fresh context over the shared model, counting syncs. */
export class FakeExcelHost {
  readonly model: FakeWorkbookModel;
  /** Syncs of every batch run so far, in order: one entry per `run`. */
  readonly batches: { syncs: number; options: { delayForCellEdit?: boolean } }[] = [];
  /** Response bytes of every sync of every batch, in order (for the benchmark). */
  readonly responseBytes: number[][] = [];
  constructor(model: FakeWorkbookModel) {
    this.model = model;
  }
  /** Stands for Excel.run; the cast is the one place the fake meets Office's types. */
  run = async <T>(options: { delayForCellEdit?: boolean }, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new FakeContext(this.model);
    const entry = { syncs: 0, options };
    this.batches.push(entry);
    try {
      return await batch(ctx as unknown as Excel.RequestContext);
    } finally {
      entry.syncs = ctx.syncCount;
      this.responseBytes.push(ctx.responseBytes);
    }
  };
  totalSyncs(): number {
    return this.batches.reduce((n, b) => n + b.syncs, 0);
  }
  /** Fires a worksheet event the way Excel does (handlers registered by a synced add()). */
  async fire(sheetName: string, event: "onChanged" | "onCalculated" | "onSelectionChanged", args: Record<string, unknown>): Promise<void> {
    const sheet = this.model.sheet(sheetName);
    for (const h of [...sheet.handlers[event]]) await h({ worksheetId: sheet.id, ...args });
  }
}

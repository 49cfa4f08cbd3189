/**
 * An Excel host for Microsoft's own client library: answers the `ProcessQuery` requests
 * that `@microsoft/office-js` sends for each `context.sync()` from a workbook state (the
 * FakeWorkbookModel of test/support/fake-excel.ts: cells, merges, hidden rows and columns,
 * Excel Tables, conditional formats, threaded comments, custom XML parts).
 *
 * The protocol is the library's (read from excel-web-16.00.debug.js): a request carries
 * `ObjectPaths` (1 global, 3 method, 4 property, 5 indexer, 7 null object) and `Actions`
 * (1 instantiate, 2 query, 3 method, 4 set property, 5 trace); the answer is
 * `{"Results":[{"ActionId","Value"}], "TraceIds":[…]}` with PascalCase names and
 * collections as `_Items`, or an `Error` at the failing action (the actions before it have
 * run, as in Excel). Anything the simulator does not implement — an object path, a
 * property, a method, an action type — fails the request with `NotImplemented`, which the
 * library turns into its own `OfficeExtension.Error`: never a silent default.
 *
 * Excel's limits are enforced where the documentation states them:
 * - Excel on the web: 5 MB per request and per response (learn.microsoft.com, "Resource
 *   limits and performance optimization", Excel add-ins) → `RequestPayloadSizeLimitExceeded`
 *   (the message users report in specklesystems/speckle-excel#9) and
 *   `ResponsePayloadSizeLimitExceeded` (Excel.ErrorCodes in @types/office-js), with the
 *   request's changes undone;
 * - `Range.getMergedAreasOrNullObject` fails above 512 merged areas (its remark in
 *   @types/office-js; the code is not documented: `GeneralException` here) and returns only
 *   the areas whose top-left cell lies in the range (office-js #3611);
 * - five million cells per range read (same documentation page);
 * - `Worksheet.getRanges` refuses addresses longer than 8,192 characters (office-js #5198);
 * - conditional-format ids are their priorities in the collection (ConditionalFormat.id's
 *   remark), so they change when a format is added or deleted.
 *
 * Each request is recorded (batch, flags, bytes in and out, whether it changed anything);
 * each request that changed the workbook is one undo record, as each sync is in Excel.
 * It runs in Node (over test/support/office-runtime.ts) and in the browser e2e (over the
 * library loaded by a <script>).
 */
import "./dom-parser";
import type { Area, WorkbookSnapshot } from "../../src/engine/snapshot";
import { cellAddress, columnLetters } from "../../src/engine/address";
import { FakeSheet, FakeWorkbookModel, check, parseArea, type FakeCell, type FakeConditionalFormat } from "./fake-excel";
import { isCellError } from "../../src/engine/snapshot";

/** The library's globals (from a vm context in Node, from `window` in the browser). */
export interface RuntimeGlobals {
  Excel: typeof Excel;
  OfficeExtension: typeof OfficeExtension;
  Office: typeof Office;
}

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const MERGED_AREAS_LIMIT = 512;
export const RANGE_CELL_LIMIT = 5_000_000;
export const GET_RANGES_ADDRESS_LIMIT = 8192;
const MAX_ROW = 1048576;
const MAX_COL = 16384;

/** Event types of the library (`eventType` of Worksheet.onChanged, onCalculated, onSelectionChanged). */
const EVENT_TYPE = { onChanged: 10, onSelectionChanged: 14, onCalculated: 16 } as const;
type EventName = keyof typeof EVENT_TYPE;
const REGISTRATION: Record<string, EventName> = {
  DataChangedEvent: "onChanged",
  CalculatedEvent: "onCalculated",
  SelectionChangedEvent: "onSelectionChanged",
};

const simulators = new Map<string, ExcelSimulator>();
let bound: RuntimeGlobals | null = null;
let nextSimulator = 1;

/** Points the library's transport at the simulators (once per runtime). */
export function bindRuntime<T extends RuntimeGlobals & Record<string, unknown>>(g: T): T {
  const oe = g.OfficeExtension as unknown as {
    HttpUtility: { setCustomSendRequestFunc(f: (r: WireRequest) => Promise<WireResponse>): void };
    _testSetRichApiMessageReadyImpl(f: () => Promise<void>): void;
  };
  oe.HttpUtility.setCustomSendRequestFunc(async (request) => {
    const origin = /^https?:\/\/[^/]+/.exec(request.url)?.[0] ?? "";
    const sim = simulators.get(origin);
    if (!sim) return { statusCode: 404, headers: {}, body: "" };
    return sim.processQuery(request);
  });
  // Events reach the library through its rich-API message path; no host channel to wait for.
  oe._testSetRichApiMessageReadyImpl(() => Promise.resolve());
  // The library asks Office.context.requirements before an API (ExcelApi 1.7 for onChanged…).
  // Office.context is a getter over OSF._OfficeAppFactory.getContext(), which the host
  // bootstrap would set up; here it answers with the current simulator's requirement sets.
  const osf = g.OSF as { _OfficeAppFactory?: { getContext(): unknown } } | undefined;
  if (!osf) throw new Error("the library defines no OSF namespace");
  const officeContext = { requirements: { isSetSupported: (set: string, version?: string) => (current ? current.isSetSupported(set, version) : false) } };
  osf._OfficeAppFactory = { ...(osf._OfficeAppFactory ?? {}), getContext: () => officeContext };
  bound = g;
  return g;
}

/** The simulator whose host answers Office.context.requirements (the last one made). */
let current: ExcelSimulator | null = null;

interface WireRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}
interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}
interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: (number | null)[] };
}
interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: (number | null)[] };
  QueryInfo?: { Select?: string[]; Expand?: string[]; Top?: number; Skip?: number };
}
interface Body {
  Actions: ActionInfo[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}

export class SimulatorError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const notImplemented = (what: string): SimulatorError => new SimulatorError("NotImplemented", `The Excel simulator does not implement ${what}.`, 501);
const itemNotFound = (what: string): SimulatorError => new SimulatorError("ItemNotFound", `The requested resource doesn't exist: ${what}.`, 404);
const invalidArgument = (what: string): SimulatorError => new SimulatorError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: ${what}.`);

/** One request as the simulator saw it. */
export interface RequestRecord {
  batch: number;
  flags: number;
  requestBytes: number;
  responseBytes: number;
  /** True when the request changed the workbook (one undo record). */
  wrote: boolean;
  /** The error code the request failed with, if any. */
  error: string | null;
  actions: number;
  /**
   * Excel.run's own request after the batch: it removes the references of the ranges it
   * tracked (`_RemoveReference`), carries no data and is no sync of the add-in's.
   */
  cleanup: boolean;
}

// --- Addresses ----------------------------------------------------------------------------

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function areaText(a: Area): string {
  if (a.left === 1 && a.right === MAX_COL) return `${a.top}:${a.bottom}`;
  if (a.top === 1 && a.bottom === MAX_ROW) return `${columnLetters(a.left)}:${columnLetters(a.right)}`;
  return a.top === a.bottom && a.left === a.right ? cellAddress(a.top, a.left) : `${cellAddress(a.top, a.left)}:${cellAddress(a.bottom, a.right)}`;
}

function intersect(a: Area, b: Area): Area | null {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.bottom, b.bottom);
  const right = Math.min(a.right, b.right);
  return top <= bottom && left <= right ? { top, left, bottom, right } : null;
}

function cellCount(a: Area): number {
  return (a.bottom - a.top + 1) * (a.right - a.left + 1);
}

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

/** Visible spans of 1..n within [from, to], given the hidden numbers. */
function visibleSpans(from: number, to: number, hidden: ReadonlySet<number>): [number, number][] {
  const out: [number, number][] = [];
  let start: number | null = null;
  const sorted = [...hidden].filter((n) => n >= from && n <= to).sort((a, b) => a - b);
  let k = 0;
  for (let n = from; n <= to; ) {
    if (k < sorted.length && sorted[k] === n) {
      if (start !== null) out.push([start, n - 1]);
      start = null;
      k++;
      n++;
      continue;
    }
    if (start === null) start = n;
    // jump to the next hidden number
    const next = k < sorted.length ? sorted[k] : to + 1;
    n = next;
  }
  if (start !== null) out.push([start, to]);
  return out;
}

// --- Objects of the model -----------------------------------------------------------------

/** What a path resolves to. Each kind implements only what the adapter may ask of it. */
abstract class SimObject {
  abstract readonly kind: string;
  constructor(protected readonly sim: ExcelSimulator) {}
  /** Navigation property (ObjectPathType 4). */
  property(name: string): SimObject | null {
    throw notImplemented(`${this.kind}.${name} (property)`);
  }
  /** Method returning an object (ObjectPathType 3). */
  method(name: string, _args: unknown[]): SimObject | null {
    throw notImplemented(`${this.kind}.${name}() (object path)`);
  }
  /** Indexer (ObjectPathType 5): `collection[key]`. */
  indexer(_args: unknown[]): SimObject | null {
    throw notImplemented(`${this.kind}[…]`);
  }
  /** Method action (ActionType 3): its return value. */
  call(name: string, _args: unknown[]): unknown {
    throw notImplemented(`${this.kind}.${name}() (method)`);
  }
  /** Scalar property (PascalCase). */
  get(name: string): unknown {
    throw notImplemented(`${this.kind}.${name}`);
  }
  /** SetProperty action. */
  set(name: string, _value: unknown): void {
    throw notImplemented(`setting ${this.kind}.${name}`);
  }
  /** Items, for collections. */
  items(): SimObject[] | null {
    return null;
  }
  /** The Instantiate action's value (key properties). */
  instance(): Record<string, unknown> {
    return {};
  }
}

class WorkbookObj extends SimObject {
  readonly kind = "Workbook";
  override call(name: string, args: unknown[]): unknown {
    if (name === "_RemoveReference") {
      this.sim.references.delete(String(args[0]));
      return null;
    }
    return super.call(name, args);
  }
  override property(name: string): SimObject | null {
    if (name === "Worksheets") return new WorksheetsObj(this.sim);
    if (name === "CustomXmlParts") return new PartsObj(this.sim, null);
    return super.property(name);
  }
}

class WorksheetsObj extends SimObject {
  readonly kind = "WorksheetCollection";
  private find(key: unknown): FakeSheet | undefined {
    return this.sim.model.sheets.find((s) => s.id === key || s.name === key || s.name.toLowerCase() === String(key).toLowerCase());
  }
  override indexer(args: unknown[]): SimObject | null {
    return this.method("GetItem", args);
  }
  override method(name: string, args: unknown[]): SimObject | null {
    if (name === "GetItem" || name === "GetItemOrNullObject") {
      const s = this.find(args[0]);
      if (s) return new WorksheetObj(this.sim, s);
      if (name === "GetItemOrNullObject") return null;
      throw itemNotFound(`worksheet ${String(args[0])}`);
    }
    return super.method(name, args);
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "GetCount") return this.sim.model.sheets.length;
    return super.call(name, args);
  }
  override items(): SimObject[] {
    return this.sim.model.sheets.map((s) => new WorksheetObj(this.sim, s));
  }
}

class WorksheetObj extends SimObject {
  readonly kind = "Worksheet";
  constructor(
    sim: ExcelSimulator,
    readonly sheet: FakeSheet,
  ) {
    super(sim);
  }
  private live(): FakeSheet {
    if (!this.sim.model.sheets.includes(this.sheet)) throw itemNotFound(`worksheet ${this.sheet.name}`);
    return this.sheet;
  }
  override instance(): Record<string, unknown> {
    return { Id: this.live().id };
  }
  override get(name: string): unknown {
    const s = this.live();
    if (name === "Name") return s.name;
    if (name === "Id") return s.id;
    if (name === "Position") return this.sim.model.sheets.indexOf(s);
    if (name === "Visibility") return "Visible";
    return super.get(name);
  }
  override property(name: string): SimObject | null {
    if (name === "Notes") {
      if (!this.sim.isSetSupported("ExcelApi", "1.18")) throw new SimulatorError("ApiNotFound", "Worksheet.notes needs ExcelApi 1.18.", 404);
      return new NotesObj(this.sim, this.live());
    }
    if (name === "Comments") return new CommentsObj(this.sim, this.live());
    if (name === "Tables") return new TablesObj(this.sim, this.live());
    return super.property(name);
  }
  override method(name: string, args: unknown[]): SimObject | null {
    const s = this.live();
    switch (name) {
      case "GetRange":
        return new RangeObj(this.sim, s, args[0] === null || args[0] === undefined || args[0] === "" ? { top: 1, left: 1, bottom: MAX_ROW, right: MAX_COL } : parseArea(String(args[0])));
      case "GetRanges": {
        const address = String(args[0] ?? "");
        if (address.length > GET_RANGES_ADDRESS_LIMIT) throw invalidArgument(`getRanges address of ${address.length} characters`);
        return new RangeAreasObj(this.sim, s, address.split(",").map((a) => parseArea(a)));
      }
      case "GetRangeByIndexes": {
        const [r, c, rc, cc] = args.map(Number);
        if (![r, c, rc, cc].every(Number.isInteger) || rc < 1 || cc < 1) throw invalidArgument("getRangeByIndexes");
        return new RangeObj(this.sim, s, check({ top: r + 1, left: c + 1, bottom: r + rc, right: c + cc }, `R${r}C${c}`));
      }
      case "GetUsedRangeOrNullObject":
      case "GetUsedRange": {
        if (args[0] !== true) throw notImplemented("Worksheet.getUsedRange without valuesOnly = true");
        const used = s.usedArea();
        if (used) return new RangeObj(this.sim, s, used);
        if (name === "GetUsedRangeOrNullObject") return null;
        return new RangeObj(this.sim, s, { top: 1, left: 1, bottom: 1, right: 1 });
      }
    }
    return super.method(name, args);
  }
  override call(name: string, args: unknown[]): unknown {
    const s = this.live();
    if (name === "Activate") {
      this.sim.model.active = s.name;
      return null;
    }
    if (name === "Delete") {
      if (this.sim.model.sheets.length === 1) throw new SimulatorError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      this.sim.mutate();
      this.sim.model.sheets = this.sim.model.sheets.filter((x) => x !== s);
      return null;
    }
    const reg = /^_(Register|Unregister)(\w+)$/.exec(name);
    if (reg && REGISTRATION[reg[2]]) {
      this.sim.register(s.id, REGISTRATION[reg[2]], reg[1] === "Register");
      return null;
    }
    return super.call(name, args);
  }
}

class RangeObj extends SimObject {
  readonly kind = "Range";
  constructor(
    sim: ExcelSimulator,
    readonly sheet: FakeSheet,
    readonly area: Area,
  ) {
    super(sim);
  }
  private grid<T>(f: (c: FakeCell | undefined) => T): T[][] {
    if (cellCount(this.area) > RANGE_CELL_LIMIT) throw new SimulatorError("GeneralException", `A range read is limited to five million cells (${areaText(this.area)}).`, 500);
    const out: T[][] = [];
    for (let r = this.area.top; r <= this.area.bottom; r++) {
      const line: T[] = [];
      for (let c = this.area.left; c <= this.area.right; c++) line.push(f(this.sheet.cell(r, c)));
      out.push(line);
    }
    return out;
  }
  private allHidden(hidden: ReadonlySet<number>, from: number, to: number): boolean | null {
    let n = 0;
    for (const h of hidden) if (h >= from && h <= to) n++;
    return n === 0 ? false : n === to - from + 1 ? true : null;
  }
  override get(name: string): unknown {
    const a = this.area;
    switch (name) {
      case "Address":
        return `${quoteSheet(this.sheet.name)}!${areaText(a)}`;
      case "RowIndex":
        return a.top - 1;
      case "ColumnIndex":
        return a.left - 1;
      case "RowCount":
        return a.bottom - a.top + 1;
      case "ColumnCount":
        return a.right - a.left + 1;
      case "Values":
        return this.grid((c) => officeValue(c).value);
      case "ValueTypes":
        return this.grid((c) => officeValue(c).type);
      case "Formulas":
        return this.grid((c) => officeValue(c).formula);
      case "NumberFormat":
        return this.grid((c) => c?.numberFormat ?? "General");
      case "RowHidden":
        return this.allHidden(this.sheet.hiddenRows, a.top, a.bottom);
      case "ColumnHidden":
        return this.allHidden(this.sheet.hiddenCols, a.left, a.right);
    }
    return super.get(name);
  }
  override set(name: string, value: unknown): void {
    if (name !== "Values" && name !== "Formulas") return super.set(name, value);
    const a = this.area;
    const rows = value as unknown[][];
    if (!Array.isArray(rows) || rows.length !== a.bottom - a.top + 1 || rows.some((l) => !Array.isArray(l) || l.length !== a.right - a.left + 1)) {
      throw invalidArgument(`${name} of ${areaText(a)}: the dimensions do not match the range`);
    }
    this.sim.mutate();
    rows.forEach((line, i) =>
      line.forEach((x, j) => {
        const row = a.top + i;
        const col = a.left + j;
        const text = typeof x === "string" ? x : x === null || x === undefined ? "" : String(x);
        if (name === "Formulas" && text.startsWith("=")) this.sheet.setCell(row, col, null, text);
        else if (text === "") this.sheet.setCell(row, col, null, null);
        else this.sheet.setCell(row, col, typeof x === "number" || typeof x === "boolean" ? x : text, null);
      }),
    );
  }
  override property(name: string): SimObject | null {
    if (name === "ConditionalFormats") return new ConditionalFormatsObj(this.sim, this.sheet, [this.area]);
    return super.property(name);
  }
  override method(name: string, args: unknown[]): SimObject | null {
    switch (name) {
      case "GetIntersectionOrNullObject":
      case "GetIntersection": {
        const other = args[0] instanceof RangeObj ? args[0].area : typeof args[0] === "string" ? parseArea(args[0]) : null;
        if (!other) throw invalidArgument("getIntersection");
        if (args[0] instanceof RangeObj && args[0].sheet !== this.sheet) throw invalidArgument("getIntersection across worksheets");
        const hit = intersect(this.area, other);
        if (hit) return new RangeObj(this.sim, this.sheet, hit);
        if (name === "GetIntersectionOrNullObject") return null;
        throw itemNotFound("intersection");
      }
      case "GetMergedAreasOrNullObject": {
        // Only merges whose top-left cell is in the range (office-js #3611).
        const areas = this.sheet.merges.filter((m) => m.top >= this.area.top && m.top <= this.area.bottom && m.left >= this.area.left && m.left <= this.area.right);
        if (areas.length > MERGED_AREAS_LIMIT) throw new SimulatorError("GeneralException", `More than ${MERGED_AREAS_LIMIT} merged areas in ${areaText(this.area)}.`, 500);
        return areas.length ? new RangeAreasObj(this.sim, this.sheet, areas) : null;
      }
      case "GetSpecialCellsOrNullObject": {
        if (args[0] !== "Visible") throw notImplemented(`Range.getSpecialCells(${String(args[0])})`);
        const rows = visibleSpans(this.area.top, this.area.bottom, this.sheet.hiddenRows);
        const cols = visibleSpans(this.area.left, this.area.right, this.sheet.hiddenCols);
        const areas: Area[] = [];
        for (const [top, bottom] of rows) for (const [left, right] of cols) areas.push({ top, left, bottom, right });
        return areas.length ? new RangeAreasObj(this.sim, this.sheet, areas) : null;
      }
    }
    return super.method(name, args);
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "Select") {
      this.sim.model.selected = { sheet: this.sheet.name, address: areaText(this.area) };
      this.sim.model.active = this.sheet.name;
      return null;
    }
    return super.call(name, args);
  }
}

class RangeAreasObj extends SimObject {
  readonly kind = "RangeAreas";
  constructor(
    sim: ExcelSimulator,
    readonly sheet: FakeSheet,
    readonly areas: Area[],
  ) {
    super(sim);
  }
  override get(name: string): unknown {
    if (name === "Address") return this.areas.map((a) => `${quoteSheet(this.sheet.name)}!${areaText(a)}`).join(",");
    if (name === "AreaCount") return this.areas.length;
    return super.get(name);
  }
  override property(name: string): SimObject | null {
    if (name === "ConditionalFormats") return new ConditionalFormatsObj(this.sim, this.sheet, this.areas);
    return super.property(name);
  }
}

class ConditionalFormatsObj extends SimObject {
  readonly kind = "ConditionalFormatCollection";
  constructor(
    sim: ExcelSimulator,
    readonly sheet: FakeSheet,
    readonly areas: Area[],
  ) {
    super(sim);
  }
  /** The formats touching these areas, in priority order: their index is their id. */
  list(): FakeConditionalFormat[] {
    return this.sheet.conditionalFormats.filter((cf) => cf.areas.some((a) => this.areas.some((b) => intersect(a, b))));
  }
  override items(): SimObject[] {
    return this.list().map((cf) => new ConditionalFormatObj(this.sim, this, cf));
  }
  override indexer(args: unknown[]): SimObject | null {
    return this.method("GetItem", args)!;
  }
  override method(name: string, args: unknown[]): SimObject | null {
    if (name === "GetItem" || name === "GetItemOrNullObject") {
      const cf = this.list()[Number(args[0])];
      if (cf && String(Number(args[0])) === String(args[0])) return new ConditionalFormatObj(this.sim, this, cf);
      if (name === "GetItemOrNullObject") return null;
      throw itemNotFound(`conditional format ${String(args[0])}`);
    }
    if (name === "Add") {
      const type = String(args[0]);
      if (type !== "Custom") throw notImplemented(`ConditionalFormatCollection.add(${type})`);
      this.sim.mutate();
      const cf: FakeConditionalFormat = { id: this.sim.model.newId("cf"), type, areas: this.areas.map((a) => ({ ...a })), formula: null, fill: null, font: null };
      this.sheet.conditionalFormats.unshift(cf); // a new format takes the top priority
      this.sim.formatWrites++;
      return new ConditionalFormatObj(this.sim, this, cf);
    }
    return super.method(name, args);
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "GetCount") return this.list().length;
    return super.call(name, args);
  }
}

class ConditionalFormatObj extends SimObject {
  readonly kind = "ConditionalFormat";
  constructor(
    sim: ExcelSimulator,
    private readonly collection: ConditionalFormatsObj,
    readonly cf: FakeConditionalFormat,
  ) {
    super(sim);
  }
  private id(): string {
    const i = this.collection.list().indexOf(this.cf);
    if (i < 0) throw itemNotFound("conditional format (deleted)");
    return String(i);
  }
  override instance(): Record<string, unknown> {
    return { Id: this.id() };
  }
  override get(name: string): unknown {
    if (name === "Id") return this.id();
    if (name === "Priority") return this.collection.sheet.conditionalFormats.indexOf(this.cf);
    if (name === "Type") return this.cf.type;
    return super.get(name);
  }
  override property(name: string): SimObject | null {
    if (name === "Custom" || name === "CustomOrNullObject") {
      if (this.cf.type === "Custom") return new CustomFormatObj(this.sim, this.cf);
      if (name === "CustomOrNullObject") return null;
      throw new SimulatorError("InvalidOperation", "The conditional format is not of type Custom.");
    }
    return super.property(name);
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "Delete") {
      this.id();
      this.sim.mutate();
      const sheet = this.collection.sheet;
      sheet.conditionalFormats = sheet.conditionalFormats.filter((x) => x !== this.cf);
      this.sim.formatWrites++;
      return null;
    }
    return super.call(name, args);
  }
}

class CustomFormatObj extends SimObject {
  readonly kind = "CustomConditionalFormat";
  constructor(
    sim: ExcelSimulator,
    readonly cf: FakeConditionalFormat,
  ) {
    super(sim);
  }
  override property(name: string): SimObject | null {
    if (name === "Rule") return new RuleObj(this.sim, this.cf);
    if (name === "Format") return new CfFormatObj(this.sim, this.cf);
    return super.property(name);
  }
}

class RuleObj extends SimObject {
  readonly kind = "ConditionalFormatRule";
  constructor(
    sim: ExcelSimulator,
    readonly cf: FakeConditionalFormat,
  ) {
    super(sim);
  }
  override get(name: string): unknown {
    if (name === "Formula") return this.cf.formula ?? "";
    return super.get(name);
  }
  override set(name: string, value: unknown): void {
    if (name !== "Formula") return super.set(name, value);
    this.sim.mutate();
    this.cf.formula = String(value);
  }
}

class CfFormatObj extends SimObject {
  readonly kind = "ConditionalRangeFormat";
  constructor(
    sim: ExcelSimulator,
    readonly cf: FakeConditionalFormat,
  ) {
    super(sim);
  }
  override property(name: string): SimObject | null {
    if (name === "Fill" || name === "Font") return new ColorObj(this.sim, this.cf, name === "Fill" ? "fill" : "font");
    return super.property(name);
  }
}

class ColorObj extends SimObject {
  readonly kind: string;
  constructor(
    sim: ExcelSimulator,
    readonly cf: FakeConditionalFormat,
    readonly field: "fill" | "font",
  ) {
    super(sim);
    this.kind = field === "fill" ? "ConditionalRangeFill" : "ConditionalRangeFont";
  }
  override get(name: string): unknown {
    if (name === "Color") return this.cf[this.field];
    return super.get(name);
  }
  override set(name: string, value: unknown): void {
    if (name !== "Color") return super.set(name, value);
    this.sim.mutate();
    this.cf[this.field] = String(value);
  }
}

class NotesObj extends SimObject {
  readonly kind = "NoteCollection";
  constructor(
    sim: ExcelSimulator,
    readonly sheet: FakeSheet,
  ) {
    super(sim);
  }
  private cells(): string[] {
    return [...this.sheet.notes.keys()];
  }
  override items(): SimObject[] {
    return this.cells().map((c) => new NoteObj(this.sim, this.sheet, c));
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "GetCount") return this.cells().length;
    return super.call(name, args);
  }
  private cellOf(key: unknown): string {
    const a = key instanceof RangeObj ? key.area : parseArea(String(key));
    if (a.top !== a.bottom || a.left !== a.right) throw new SimulatorError("InvalidCellAddress", `A note belongs to one cell, not ${areaText(a)}.`);
    return cellAddress(a.top, a.left);
  }
  override indexer(args: unknown[]): SimObject | null {
    const cell = this.cellOf(args[0]);
    if (!this.sheet.notes.has(cell)) throw itemNotFound(`note at ${cell}`);
    return new NoteObj(this.sim, this.sheet, cell);
  }
  override method(name: string, args: unknown[]): SimObject | null {
    if (name === "GetItemOrNullObject") {
      const cell = this.cellOf(args[0]);
      return this.sheet.notes.has(cell) ? new NoteObj(this.sim, this.sheet, cell) : null;
    }
    if (name === "GetItemAt") {
      const cell = this.cells()[Number(args[0])];
      if (cell === undefined) throw itemNotFound(`note #${String(args[0])}`);
      return new NoteObj(this.sim, this.sheet, cell);
    }
    if (name === "Add") {
      const cell = this.cellOf(args[0]);
      if (this.sheet.notes.has(cell) || this.sheet.threadedComments.has(cell)) throw new SimulatorError("InvalidArgument", `The cell ${cell} already has a note or a comment.`);
      this.sim.mutate();
      this.sheet.notes.set(cell, { content: String(args[1] ?? ""), authorName: "IKI Checker" });
      this.sim.noteWrites++;
      return new NoteObj(this.sim, this.sheet, cell);
    }
    return super.method(name, args);
  }
}

class NoteObj extends SimObject {
  readonly kind = "Note";
  constructor(
    sim: ExcelSimulator,
    readonly sheet: FakeSheet,
    readonly cell: string,
  ) {
    super(sim);
  }
  private note(): FakeSheet["notes"] extends Map<string, infer N> ? N : never {
    const n = this.sheet.notes.get(this.cell);
    if (!n) throw itemNotFound(`note at ${this.cell}`);
    return n;
  }
  override get(name: string): unknown {
    const n = this.note();
    if (name === "Content") return n.content;
    if (name === "AuthorName") return n.authorName;
    if (name === "Width") return n.width ?? 144;
    if (name === "Height") return n.height ?? 79;
    return super.get(name);
  }
  override set(name: string, value: unknown): void {
    const n = this.note();
    if (name !== "Content" && name !== "Width" && name !== "Height") return super.set(name, value);
    // Note.width/height: "not supported in Excel on the web" (their remarks in @types/office-js).
    if (name !== "Content" && this.sim.platform === "OfficeOnline") throw notImplemented(`Note.${lowerFirst(name)} in Excel on the web`);
    this.sim.mutate();
    if (name === "Content") n.content = String(value);
    else if (typeof value !== "number" || !(value > 0)) throw invalidArgument(`Note.${lowerFirst(name)} ${String(value)}`);
    else if (name === "Width") n.width = value;
    else n.height = value;
    this.sim.noteWrites++;
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "Delete") {
      this.note();
      this.sim.mutate();
      this.sheet.notes.delete(this.cell);
      this.sim.noteWrites++;
      return null;
    }
    return super.call(name, args);
  }
  override method(name: string, args: unknown[]): SimObject | null {
    if (name === "GetLocation") {
      this.note();
      return new RangeObj(this.sim, this.sheet, parseArea(this.cell));
    }
    return super.method(name, args);
  }
}

class CommentsObj extends SimObject {
  readonly kind = "CommentCollection";
  constructor(
    sim: ExcelSimulator,
    readonly sheet: FakeSheet,
  ) {
    super(sim);
  }
  private cells(): string[] {
    return [...this.sheet.threadedComments];
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "GetCount") return this.cells().length;
    return super.call(name, args);
  }
  override method(name: string, args: unknown[]): SimObject | null {
    if (name === "GetItemAt") {
      const cell = this.cells()[Number(args[0])];
      if (cell === undefined) throw itemNotFound(`comment #${String(args[0])}`);
      return new CommentObj(this.sim, this.sheet, cell);
    }
    return super.method(name, args);
  }
}

class CommentObj extends SimObject {
  readonly kind = "Comment";
  constructor(
    sim: ExcelSimulator,
    readonly sheet: FakeSheet,
    readonly cell: string,
  ) {
    super(sim);
  }
  override get(name: string): unknown {
    if (name === "Content") return this.sheet.commentText.get(this.cell) ?? "";
    if (name === "Id") return `${this.sheet.id}:${this.cell}`;
    return super.get(name);
  }
  override instance(): Record<string, unknown> {
    return {};
  }
  override method(name: string, args: unknown[]): SimObject | null {
    if (name === "GetLocation") return new RangeObj(this.sim, this.sheet, parseArea(this.cell));
    return super.method(name, args);
  }
}

class TablesObj extends SimObject {
  readonly kind = "TableCollection";
  constructor(
    sim: ExcelSimulator,
    readonly sheet: FakeSheet,
  ) {
    super(sim);
  }
  override items(): SimObject[] {
    return this.sheet.tables.map((t) => new TableObj(this.sim, this.sheet, t));
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "GetCount") return this.sheet.tables.length;
    return super.call(name, args);
  }
  override indexer(args: unknown[]): SimObject | null {
    return this.method("GetItem", args);
  }
  override method(name: string, args: unknown[]): SimObject | null {
    if (name === "GetItemAt") {
      const t = this.sheet.tables[Number(args[0])];
      if (!t) throw itemNotFound(`table #${String(args[0])}`);
      return new TableObj(this.sim, this.sheet, t);
    }
    if (name === "GetItem") {
      const t = this.sheet.tables.find((x) => x.name === args[0] || `${this.sheet.id}/${x.name}` === args[0]);
      if (!t) throw itemNotFound(`table ${String(args[0])}`);
      return new TableObj(this.sim, this.sheet, t);
    }
    return super.method(name, args);
  }
}

class TableObj extends SimObject {
  readonly kind = "Table";
  constructor(
    sim: ExcelSimulator,
    readonly sheet: FakeSheet,
    readonly table: FakeSheet["tables"][number],
  ) {
    super(sim);
  }
  override instance(): Record<string, unknown> {
    return { Id: `${this.sheet.id}/${this.table.name}` };
  }
  override get(name: string): unknown {
    switch (name) {
      case "Id":
        return `${this.sheet.id}/${this.table.name}`;
      case "Name":
        return this.table.name;
      case "ShowHeaders":
        return this.table.headerRows > 0;
      case "ShowTotals":
        return this.table.totalsRows > 0;
      case "ShowFilterButton":
        return this.table.autoFilter;
    }
    return super.get(name);
  }
  override method(name: string, args: unknown[]): SimObject | null {
    if (name === "GetRange") return new RangeObj(this.sim, this.sheet, { ...this.table.area });
    return super.method(name, args);
  }
}

class PartsObj extends SimObject {
  readonly kind: string;
  constructor(
    sim: ExcelSimulator,
    readonly namespace: string | null,
  ) {
    super(sim);
    this.kind = namespace === null ? "CustomXmlPartCollection" : "CustomXmlPartScopedCollection";
  }
  private list(): FakeWorkbookModel["customXmlParts"] {
    return this.sim.model.customXmlParts.filter((p) => this.namespace === null || p.namespaceUri === this.namespace);
  }
  override items(): SimObject[] {
    return this.list().map((p) => new PartObj(this.sim, p));
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === "GetCount") return this.list().length;
    return super.call(name, args);
  }
  override indexer(args: unknown[]): SimObject | null {
    return this.method("GetItem", args)!;
  }
  override method(name: string, args: unknown[]): SimObject | null {
    if (name === "GetByNamespace" && this.namespace === null) return new PartsObj(this.sim, String(args[0]));
    if (name === "GetItem" || name === "GetItemOrNullObject") {
      const p = this.list().find((x) => x.id === args[0]);
      if (p) return new PartObj(this.sim, p);
      if (name === "GetItemOrNullObject") return null;
      throw itemNotFound(`custom XML part ${String(args[0])}`);
    }
    if (name === "Add" && this.namespace === null) {
      const xml = String(args[0]);
      const ns = /^\s*(?:<\?xml[^>]*\?>\s*)?<(?:[\w.-]+:)?[\w.-]+[^>]*?\sxmlns(?::[\w.-]+)?="([^"]*)"/.exec(xml);
      if (!/^\s*(?:<\?xml[^>]*\?>\s*)?</.test(xml)) throw invalidArgument("custom XML part: not XML");
      this.sim.mutate();
      const part = { id: this.sim.model.newId("xml"), namespaceUri: ns?.[1] ?? "", xml };
      this.sim.model.customXmlParts.push(part);
      this.sim.partWrites++;
      return new PartObj(this.sim, part);
    }
    return super.method(name, args);
  }
}

class PartObj extends SimObject {
  readonly kind = "CustomXmlPart";
  constructor(
    sim: ExcelSimulator,
    readonly part: FakeWorkbookModel["customXmlParts"][number],
  ) {
    super(sim);
  }
  private live(): FakeWorkbookModel["customXmlParts"][number] {
    if (!this.sim.model.customXmlParts.includes(this.part)) throw itemNotFound(`custom XML part ${this.part.id}`);
    return this.part;
  }
  override instance(): Record<string, unknown> {
    return { Id: this.live().id };
  }
  override get(name: string): unknown {
    if (name === "Id") return this.live().id;
    if (name === "NamespaceUri") return this.live().namespaceUri;
    return super.get(name);
  }
  override call(name: string, args: unknown[]): unknown {
    const p = this.live();
    if (name === "GetXml") return p.xml;
    if (name === "SetXml") {
      this.sim.mutate();
      p.xml = String(args[0]);
      this.sim.partWrites++;
      return null;
    }
    if (name === "Delete") {
      this.sim.mutate();
      this.sim.model.customXmlParts = this.sim.model.customXmlParts.filter((x) => x !== p);
      this.sim.partWrites++;
      return null;
    }
    return super.call(name, args);
  }
}

// --- The host -------------------------------------------------------------------------------

export interface SimulatorOptions {
  /** Highest ExcelApi minor version the host reports (1.x). Default 1.18 (notes: test/support/notes-api.ts). */
  excelApi?: number;
  /** Other sets the host reports, e.g. "SharedRuntime 1.1". Default SharedRuntime, DialogApi, DelayForCellEdit. */
  sets?: string[];
  /** Excel on the web's payload limit (bytes); default 5 MB. */
  payloadLimit?: number;
  /** Milliseconds each request takes, as a slow host's round trip would (the e2e's progress bar). */
  latencyMs?: number;
  /** The host's platform (Office.context.diagnostics.platform); "OfficeOnline" refuses Note.width/height. Default "PC". */
  platform?: "PC" | "Mac" | "OfficeOnline";
}

/** A deep copy of the workbook state (for undo records and failed requests). */
function cloneModel(m: FakeWorkbookModel): FakeWorkbookModel {
  const c = new FakeWorkbookModel();
  Object.assign(c, { apiVersion: m.apiVersion, selected: m.selected && { ...m.selected }, active: m.active });
  c.copyIdsFrom(m);
  c.customXmlParts = m.customXmlParts.map((p) => ({ ...p }));
  c.sheets = m.sheets.map((s) => s.clone());
  return c;
}

/** Replaces `target`'s state by `source`'s, keeping `target` (and its sheets' identities where ids match). */
function restoreModel(target: FakeWorkbookModel, source: FakeWorkbookModel): void {
  const byId = new Map(target.sheets.map((s) => [s.id, s]));
  target.sheets = source.sheets.map((s) => {
    const t = byId.get(s.id);
    if (!t) return s;
    t.assignFrom(s);
    return t;
  });
  target.customXmlParts = source.customXmlParts;
  target.selected = source.selected;
  target.active = source.active;
}

export class ExcelSimulator {
  readonly url: string;
  readonly requests: RequestRecord[] = [];
  /** Workbook states before each request that changed it (Excel's undo stack, one record per sync). */
  readonly undoStack: FakeWorkbookModel[] = [];
  /** setXml, add and delete of custom XML parts, counted. */
  partWrites = 0;
  /** Notes added, changed or deleted, counted. */
  noteWrites = 0;
  /** Conditional formats added or deleted, counted. */
  formatWrites = 0;
  /**
   * Called before each request is executed, with its actions: a test's stand-in for the
   * user (or another add-in) changing the workbook between two syncs of a batch.
   */
  beforeRequest: ((actions: readonly { ActionType: number; Name: string }[]) => void) | null = null;
  private batch = 0;
  private before: FakeWorkbookModel | null = null;
  private registrations = new Map<string, Map<EventName, number>>();
  /**
   * Objects the library asked Excel to keep (`_KeepReference`, done by Excel.run for every
   * range it hands out), by reference id; the library then addresses them by that id
   * (object path type 6) until it removes them at the end of the batch.
   */
  readonly references = new Map<string, SimObject>();
  private nextReference = 1;
  private readonly excelApi: number;
  private readonly sets: Set<string>;
  private readonly payloadLimit: number;
  private readonly latencyMs: number;
  readonly platform: "PC" | "Mac" | "OfficeOnline";

  constructor(
    readonly model: FakeWorkbookModel,
    readonly runtime: RuntimeGlobals,
    options: SimulatorOptions = {},
  ) {
    this.url = `https://excel-${nextSimulator++}.simulator.invalid`;
    this.excelApi = options.excelApi ?? 1.18;
    this.sets = new Set(options.sets ?? ["SharedRuntime 1.1", "DialogApi 1.1", "DelayForCellEdit 1.1"]);
    this.payloadLimit = options.payloadLimit ?? PAYLOAD_LIMIT;
    this.latencyMs = options.latencyMs ?? 0;
    this.platform = options.platform ?? "PC";
    simulators.set(this.url, this);
    // The host that answers Office.context.requirements: the one made last.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    current = this;
    if (bound !== runtime) throw new Error("the runtime was not bound to the simulators (bindRuntime)");
  }

  static fromSnapshot(snapshot: WorkbookSnapshot, runtime: RuntimeGlobals, options?: SimulatorOptions): ExcelSimulator {
    return new ExcelSimulator(FakeWorkbookModel.fromSnapshot(snapshot), runtime, options);
  }

  /** Office.context.requirements.isSetSupported of this host. */
  isSetSupported = (set: string, version?: string): boolean => {
    const v = Number(version ?? "1.1");
    if (set === "ExcelApi") return v <= this.excelApi + 1e-9;
    for (const s of this.sets) {
      const [name, max] = s.split(" ");
      if (name === set) return v <= Number(max) + 1e-9;
    }
    return false;
  };

  /** Excel.run on this host, through the library's own Excel.run (a session per batch). */
  run = <T>(options: { delayForCellEdit?: boolean; mergeUndoGroup?: boolean }, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const n = ++this.batch;
    const session = { _resolveRequestUrlAndHeaderInfo: () => Promise.resolve({ url: this.url, headers: { "x-simulator-batch": String(n) } }) };
    return this.runtime.Excel.run({ ...options, session } as unknown as Excel.RunOptions, batch);
  };

  /** Excel.run(context, batch): a batch on an existing context. */
  runIn = <T>(context: Excel.RequestContext, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => this.runtime.Excel.run(context, batch);

  /** Called by every change to the model during a request: the first one keeps the state before it. */
  mutate(): void {
    if (!this.before) this.before = cloneModel(this.model);
  }

  register(sheetId: string, event: EventName, on: boolean): void {
    const m = this.registrations.get(sheetId) ?? new Map<EventName, number>();
    m.set(event, Math.max(0, (m.get(event) ?? 0) + (on ? 1 : -1)));
    this.registrations.set(sheetId, m);
  }

  /** Whether Excel holds a registration of this event for the sheet. */
  registered(sheetName: string, event: EventName): boolean {
    const s = this.model.sheet(sheetName);
    return (this.registrations.get(s.id)?.get(event) ?? 0) > 0;
  }

  /**
   * Raises a worksheet event the way Excel does: only when the add-in registered it, through
   * the library's event path, which calls the add-in's handlers with its transformed args.
   * `remote` marks a co-author's change (the library then sets `source: "Remote"`).
   */
  async fire(sheetName: string, event: EventName, args: Record<string, unknown>, remote = false): Promise<boolean> {
    const s = this.model.sheet(sheetName);
    if (!this.registered(sheetName, event)) return false;
    const message = { source: "Local", worksheetId: s.id, triggerSource: "Unknown", changeType: "RangeEdited", shiftDirection: "None", ...args };
    const oe = this.runtime.OfficeExtension as unknown as { _testTriggerRichApiMessageEvent(msg: unknown): void };
    oe._testTriggerRichApiMessageEvent({ entries: [{ messageCategory: 65536, messageType: EVENT_TYPE[event], targetId: s.id, message: JSON.stringify(message), isRemoteOverride: remote }] });
    // The library calls handlers on later turns of its promise chain.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    return true;
  }

  /** The user's Ctrl+Z: the workbook as before the last request that changed it. */
  undo(): void {
    const previous = this.undoStack.pop();
    if (!previous) throw new Error("nothing to undo");
    restoreModel(this.model, previous);
  }

  /** A change by the user (not through a request): one undo record, as typing is. */
  userEdit(change: (model: FakeWorkbookModel) => void): void {
    this.undoStack.push(cloneModel(this.model));
    change(this.model);
  }

  /** The add-in's requests (its syncs) of one batch (an Excel.run), in order; Excel.run's cleanup left out. */
  requestsOf(batch: number): RequestRecord[] {
    return this.requests.filter((r) => r.batch === batch && !r.cleanup);
  }

  get batches(): number {
    return this.batch;
  }

  async processQuery(request: WireRequest): Promise<WireResponse> {
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const text = typeof request.body === "string" ? request.body : JSON.stringify(request.body);
    const batch = Number(request.headers["x-simulator-batch"] ?? 0);
    const flags = Number(/[?&]flags=(-?\d+)/.exec(request.url)?.[1] ?? 0);
    const body = JSON.parse(text) as Body;
    const methods = body.Actions.filter((a) => a.ActionType === 3);
    const cleanup = methods.length > 0 && methods.every((a) => a.Name === "_RemoveReference") && body.Actions.every((a) => a.ActionType === 1 || a.ActionType === 3);
    const record: RequestRecord = { batch, flags, requestBytes: byteLength(text), responseBytes: 0, wrote: false, error: null, actions: body.Actions.length, cleanup };
    this.requests.push(record);
    if (record.requestBytes > this.payloadLimit) {
      record.error = "RequestPayloadSizeLimitExceeded";
      return errorResponse(record, "RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit. Please refer to the documentation: \"https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins\".");
    }
    this.before = null;
    this.beforeRequest?.(body.Actions);
    const out = this.execute(body);
    const responseText = JSON.stringify(out);
    record.responseBytes = byteLength(responseText);
    if (record.responseBytes > this.payloadLimit) {
      if (this.before) restoreModel(this.model, this.before);
      this.before = null;
      record.error = "ResponsePayloadSizeLimitExceeded";
      return errorResponse(record, "ResponsePayloadSizeLimitExceeded", "The size of the payload exceeded the limit. Read the documentation: https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins.");
    }
    if (this.before) {
      this.undoStack.push(this.before);
      record.wrote = true;
    }
    this.before = null;
    if (out.Error) record.error = out.Error.Code;
    return { statusCode: 200, headers: { "content-type": "application/json" }, body: responseText };
  }

  private execute(body: Body): { Results: { ActionId: number; Value: unknown }[]; TraceIds: number[]; Error?: { Code: string; Message: string; HttpStatusCode: number; Location: string; ActionIndex: number } } {
    const results: { ActionId: number; Value: unknown }[] = [];
    const traceIds: number[] = [];
    const resolved = new Map<number, SimObject | null>();
    const resolve = (id: number): SimObject | null => {
      if (resolved.has(id)) return resolved.get(id)!;
      const p = body.ObjectPaths[String(id)];
      if (!p) throw invalidArgument(`object path ${id}`);
      let obj: SimObject | null;
      const args = (): unknown[] => argumentsOf(p.ArgumentInfo, resolve);
      const parent = (): SimObject => {
        const x = resolve(p.ParentObjectPathId!);
        if (x === null) throw itemNotFound(`${p.Name || "item"} of a null object`);
        return x;
      };
      switch (p.ObjectPathType) {
        case 1:
          obj = new WorkbookObj(this);
          break;
        case 3: {
          // An …OrNullObject method of a null object is a null object too.
          const up = p.ParentObjectPathId !== undefined ? resolve(p.ParentObjectPathId) : null;
          obj = up === null && /OrNullObject$/.test(p.Name) ? null : parent().method(p.Name, args());
          break;
        }
        case 4:
          obj = parent().property(p.Name);
          break;
        case 5:
          obj = parent().indexer(args());
          break;
        case 6: {
          const ref = this.references.get(p.Name);
          if (!ref) throw invalidArgument(`reference ${p.Name} (removed or never kept)`);
          obj = ref;
          break;
        }
        case 7:
          obj = null;
          break;
        default:
          throw notImplemented(`object paths of type ${p.ObjectPathType} (${p.Name})`);
      }
      resolved.set(id, obj);
      return obj;
    };
    let location = "";
    // Instantiate results by path: a kept object's answer carries its `_ReferenceId`.
    const instances = new Map<number, Record<string, unknown>>();
    const finish = <T extends { Results: { ActionId: number; Value: unknown }[] }>(out: T): T => {
      for (const [pathId, ref] of kept) {
        const value = instances.get(pathId);
        if (value) value._ReferenceId = ref;
      }
      return out;
    };
    const kept = new Map<number, string>();
    for (let i = 0; i < body.Actions.length; i++) {
      const a = body.Actions[i];
      try {
        location = "";
        switch (a.ActionType) {
          case 1: {
            const obj = resolve(a.ObjectPathId);
            const value = obj === null ? null : obj.instance();
            if (value) instances.set(a.ObjectPathId, value);
            results.push({ ActionId: a.Id, Value: value });
            break;
          }
          case 2: {
            const obj = resolve(a.ObjectPathId);
            location = obj ? `${obj.kind}.load` : "";
            results.push({ ActionId: a.Id, Value: obj === null ? null : query(obj, a.QueryInfo ?? {}) });
            break;
          }
          case 3: {
            const obj = resolve(a.ObjectPathId);
            if (obj === null && a.Name === "_KeepReference") {
              results.push({ ActionId: a.Id, Value: null }); // nothing to keep
              break;
            }
            if (obj === null) throw itemNotFound(`${a.Name} on a null object`);
            location = `${obj.kind}.${lowerFirst(a.Name)}`;
            if (a.Name === "_KeepReference" && (obj.kind === "Range" || obj.kind === "RangeAreas")) {
              const ref = `sim-ref-${this.nextReference++}`;
              this.references.set(ref, obj);
              kept.set(a.ObjectPathId, ref);
              results.push({ ActionId: a.Id, Value: null });
              break;
            }
            results.push({ ActionId: a.Id, Value: obj.call(a.Name, argumentsOf(a.ArgumentInfo, resolve)) ?? null });
            break;
          }
          case 4: {
            const obj = resolve(a.ObjectPathId);
            if (obj === null) throw itemNotFound(`${a.Name} on a null object`);
            location = `${obj.kind}.${lowerFirst(a.Name)}`;
            obj.set(a.Name, argumentsOf(a.ArgumentInfo, resolve)[0]);
            break;
          }
          case 5:
            traceIds.push(a.Id);
            results.push({ ActionId: a.Id, Value: null });
            break;
          default:
            throw notImplemented(`actions of type ${a.ActionType}`);
        }
      } catch (e) {
        if (!(e instanceof SimulatorError)) throw e;
        const p = body.ObjectPaths[String(a.ObjectPathId)];
        return finish({
          Results: results,
          TraceIds: traceIds,
          Error: { Code: e.code, Message: e.message, HttpStatusCode: e.status, Location: location || (p ? lowerFirst(p.Name) : ""), ActionIndex: i },
        });
      }
    }
    return finish({ Results: results, TraceIds: traceIds });
  }

  /** No longer answers requests (its URL is dropped). */
  dispose(): void {
    simulators.delete(this.url);
    if (current === this) current = null;
  }
}

function lowerFirst(s: string): string {
  return s ? s[0].toLowerCase() + s.slice(1) : s;
}

function upperFirst(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

function argumentsOf(info: ActionInfo["ArgumentInfo"], resolve: (id: number) => SimObject | null): unknown[] {
  const args = [...(info?.Arguments ?? [])];
  (info?.ReferencedObjectPathIds ?? []).forEach((id, i) => {
    if (id !== null && id !== undefined && id !== 0) args[i] = resolve(id);
  });
  return args;
}

/** A query's value: the selected properties, nested ones through navigation properties. */
function query(obj: SimObject, info: { Select?: string[]; Expand?: string[]; Top?: number; Skip?: number }): unknown {
  if (info.Top !== undefined || info.Skip !== undefined) throw notImplemented("$top/$skip in load()");
  if (info.Expand && info.Expand.length > 0) throw notImplemented(`Expand in load() (${info.Expand.join(",")})`);
  const select = info.Select ?? [];
  if (select.length === 0) throw notImplemented(`load() of every property of ${obj.kind}`);
  const items = obj.items();
  if (items) return { _Items: items.map((item) => selectOf(item, select)) };
  return selectOf(obj, select);
}

function selectOf(obj: SimObject, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nested = new Map<string, string[]>();
  for (const n of names) {
    const slash = n.indexOf("/");
    if (slash < 0) out[upperFirst(n)] = obj.get(upperFirst(n));
    else {
      const head = upperFirst(n.slice(0, slash));
      nested.set(head, [...(nested.get(head) ?? []), n.slice(slash + 1)]);
    }
  }
  for (const [head, rest] of nested) {
    const child = obj.property(head);
    out[head] = child === null ? null : child.items() ? { _Items: child.items()!.map((i) => selectOf(i, rest)) } : selectOf(child, rest);
  }
  return out;
}

function byteLength(text: string): number {
  return typeof Buffer !== "undefined" ? Buffer.byteLength(text, "utf8") : new TextEncoder().encode(text).length;
}

function errorResponse(record: RequestRecord, code: string, message: string): WireResponse {
  const body = JSON.stringify({ error: { code, message } });
  record.responseBytes = byteLength(body);
  return { statusCode: 400, headers: { "content-type": "application/json" }, body };
}

/**
 * The cells an Excel formula typed by the user reads: A1 references and ranges
 * (`$M$10`, `J10:M10`, `'Rencana Aksi'!E10`), and the structured references of Excel
 * Tables (`Tabel1[[#This Row],[Realisasi]]`, `[@Target]`, `Tabel1[Capaian]`). Also the
 * shape of a closing-row formula: one aggregate (`SUM`, `AVERAGE`, `SUBTOTAL(109, …)`) over
 * one range. Not an evaluator: the cached result of a formula is what Excel computed; this
 * only says what it looked at.
 */
import { columnNumber } from "../address";
import { normalize } from "../text";
import type { Area, SheetSnapshot, SheetTable } from "../snapshot";

export interface FormulaRef {
  /** The sheet named in the reference, or null for the formula's own sheet. */
  readonly sheet: string | null;
  readonly area: Area;
}

export type AggregateFn = "sum" | "average" | "count" | "min" | "max";

export interface Aggregate {
  fn: AggregateFn;
  ref: FormulaRef;
  /** SUBTOTAL(101…111, …) leaves hidden rows out; SUM, AVERAGE and SUBTOTAL(1…11, …) count them. */
  ignoresHidden: boolean;
}

const STRING_LITERAL = /"(?:[^"]|"")*"/g;
const SHEET = String.raw`(?:'((?:[^']|'')+)'|([A-Za-z_\u00c0-\uffff][\w.\u00c0-\uffff]*))!`;
const CELL = String.raw`\$?([A-Za-z]{1,3})\$?(\d{1,7})`;
const A1 = new RegExp(String.raw`(?<![\w.$\]])(?:${SHEET})?${CELL}(?::${CELL})?(?![\w(\[])`, "g");
/** `Tabel1[...]` or a bare `[@…]` / `[[#This Row],…]` (a table formula's own table). */
const STRUCTURED = /(?<![\w\]])([A-Za-z_\\][\w.]*)?(\[(?:[^[\]]|\[[^\]]*\])*\])/g;

function area(c1: string, r1: string, c2?: string, r2?: string): Area {
  const a = { row: Number(r1), col: columnNumber(c1) };
  const b = c2 && r2 ? { row: Number(r2), col: columnNumber(c2) } : a;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/** The Excel Table holding a cell, if any. */
export function tableAt(sheet: SheetSnapshot, row: number, col: number): SheetTable | null {
  return sheet.tables.find((t) => row >= t.area.top && row <= t.area.bottom && col >= t.area.left && col <= t.area.right) ?? null;
}

/** A table column's absolute column from its header name (case and spacing ignored). */
function tableColumn(sheet: SheetSnapshot, table: SheetTable, name: string): number | null {
  if (table.headerRows < 1) return null;
  const want = normalize(name.replace(/'(.)/g, "$1"));
  for (let c = table.area.left; c <= table.area.right; c++) {
    const v = sheet.rows.get(table.area.top)?.get(c)?.value;
    if (typeof v === "string" && normalize(v) === want) return c;
  }
  return null;
}

/** Splits `a,[b]:[c]` at the commas outside brackets. */
function topLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of text) {
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((p) => p.trim()).filter((p) => p !== "");
}

const unbracket = (t: string): string => t.replace(/^\[/, "").replace(/\]$/, "").trim();

/**
 * Resolves one structured reference written at (row) inside `table`: `[@Col]`,
 * `[@[Col 1]:[Col 3]]`, `[[#This Row],[Col]]`, `[Col]`, `[[Col 1]:[Col 3]]`,
 * `[[#Totals],[Col]]`, `[#Data]`.
 */
function structured(sheet: SheetSnapshot, table: SheetTable, spec: string, row: number): Area | null {
  let inner = spec.slice(1, -1).trim();
  let item: "row" | "data" | "totals" | "all" | "headers" = "data";
  if (inner.startsWith("@")) {
    item = "row";
    inner = inner.slice(1).trim();
  }
  const parts = inner.startsWith("[") ? topLevel(inner, ",") : inner ? [inner] : [];
  const names: string[] = [];
  for (const part of parts) {
    const p = unbracket(part);
    if (/^#this row$/i.test(p)) item = "row";
    else if (/^#totals$/i.test(p)) item = "totals";
    else if (/^#data$/i.test(p)) item = "data";
    else if (/^#all$/i.test(p)) item = "all";
    else if (/^#headers$/i.test(p)) item = "headers";
    else {
      // `[Col 1]:[Col 3]` (or, unbracketed, `Col`).
      const range = part.startsWith("[") ? topLevel(part, ":").map(unbracket) : [p];
      names.push(...range);
    }
  }
  const resolved = names.map((c) => tableColumn(sheet, table, c));
  if (resolved.some((c) => c === null)) return null;
  const left = resolved.length ? Math.min(...(resolved as number[])) : table.area.left;
  const right = resolved.length ? Math.max(...(resolved as number[])) : table.area.right;
  const dataTop = table.area.top + table.headerRows;
  const dataBottom = table.area.bottom - table.totalsRows;
  if (item === "row") return { top: row, bottom: row, left, right };
  if (item === "totals") return table.totalsRows > 0 ? { top: table.area.bottom, bottom: table.area.bottom, left, right } : null;
  if (item === "headers") return table.headerRows > 0 ? { top: table.area.top, bottom: table.area.top, left, right } : null;
  if (item === "all") return { top: table.area.top, bottom: table.area.bottom, left, right };
  return { top: dataTop, bottom: dataBottom, left, right };
}

/**
 * Every reference in a formula written in `sheet` at (row, col). Structured references
 * are resolved through the sheet's Excel Tables; a name that is not a table is skipped.
 */
export function refsOf(formula: string, sheet: SheetSnapshot, row: number, col: number): FormulaRef[] {
  const body = formula.replace(/^=/, "").replace(STRING_LITERAL, '""');
  const out: FormulaRef[] = [];
  if (body.includes("[") && sheet.tables.length > 0) {
    for (const m of body.matchAll(STRUCTURED)) {
      const table = m[1] ? sheet.tables.find((t) => t.name.toLowerCase() === m[1].toLowerCase()) : tableAt(sheet, row, col);
      if (!table) continue;
      const a = structured(sheet, table, m[2], row);
      if (a) out.push({ sheet: null, area: a });
    }
  }
  const plain = body.includes("[") ? body.replace(STRUCTURED, " ") : body;
  for (const m of plain.matchAll(A1)) {
    const sheetName = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? null);
    out.push({ sheet: sheetName === sheet.name ? null : sheetName, area: area(m[3], m[4], m[5], m[6]) });
  }
  return out;
}

/** Wrappers that do not change what an aggregate computes. */
const WRAPPER = /^(?:ROUND|ROUNDUP|ROUNDDOWN|IFERROR|IFNA)\s*\((.*),\s*[^,()]*\)$/i;
/** One range argument: `E10:E15`, `'Sheet'!E10:E15`, or a structured reference (`Tabel1[Capaian (%)]`). */
const RANGE_ARG = String.raw`((?:[A-Za-z_\\][\w.]*)?\[(?:[^\[\]]|\[[^\]]*\])*\]|[^(),\[\]]+?)`;
const AGGREGATE = new RegExp(String.raw`^(SUM|AVERAGE|AVERAGEA|COUNT|COUNTA|MIN|MAX|SUBTOTAL\s*\(\s*(\d{1,3})\s*,)\s*\(?\s*${RANGE_ARG}\s*\)$`, "i");

const SUBTOTAL_FN: Record<number, AggregateFn> = { 1: "average", 2: "count", 3: "count", 4: "max", 5: "min", 9: "sum", 101: "average", 102: "count", 103: "count", 104: "max", 105: "min", 109: "sum" };

/** `=SUM(E10:E15)`, `=ROUND(AVERAGE(N10:N15),2)`, `=SUBTOTAL(109,[Realisasi])`: the aggregate and its range, else null. */
export function aggregateOf(formula: string, sheet: SheetSnapshot, row: number, col: number): Aggregate | null {
  let body = formula.replace(/^=/, "").replace(/\s+/g, " ").trim();
  for (let i = 0; i < 3; i++) {
    const w = WRAPPER.exec(body);
    if (!w) break;
    body = w[1].trim();
  }
  const m = AGGREGATE.exec(body);
  if (!m) return null;
  const head = m[1].toUpperCase().replace(/\s+/g, "");
  let fn: AggregateFn | undefined;
  if (head.startsWith("SUBTOTAL")) fn = SUBTOTAL_FN[Number(m[2])];
  else if (head === "SUM") fn = "sum";
  else if (head === "AVERAGE" || head === "AVERAGEA") fn = "average";
  else if (head === "COUNT" || head === "COUNTA") fn = "count";
  else if (head === "MIN") fn = "min";
  else if (head === "MAX") fn = "max";
  if (!fn) return null;
  const refs = refsOf(`=${m[3]}`, sheet, row, col);
  if (refs.length !== 1) return null;
  return { fn, ref: refs[0], ignoresHidden: head.startsWith("SUBTOTAL") && Number(m[2]) > 100 };
}

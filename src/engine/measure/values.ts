/**
 * A realisation (or capaian, or period-target) cell, read: a number, a number stored as text
 * (`'85`, `18,5`, `1.250`, `Rp 1.250.000`, `84,5%`, `12 dokumen`), a word (`tiga` — readable,
 * but not a number in a measurement sheet), a grade (`BB`, `B = 68.4`), an error value, or
 * empty.
 *
 * A text with one dot or comma before three digits (`1.250`) reads two ways. The reading is
 * decided, in this order, by the indicator's grade scale, the target it is measured against,
 * the row's other values, the cell's number format, the way the column's other cells are
 * typed (Indonesian `12,5` / `1.250.000` or English `82.53`), the indicator's small scale,
 * and last by Indonesian writing (a dot groups thousands); the reading says which decided.
 */
import { isCellError, type CellValue } from "../snapshot";
import { displayText } from "../text";
import { formatHasDecimals, formatIsPercent, parseNumber, percentOf } from "../indicator/number";
import { parseTarget, type Ambiguity } from "../indicator/target";
import { COUNT_UNITS } from "../indicator/kind";

export type ValueStatus = "number" | "text-number" | "word" | "grade" | "empty" | "not-numeric" | "error" | "date";

/** A date number format (`dd/mm/yyyy`, `d-mmm-yy`, `[$-421]dd mmmm yyyy`): the number is a date, not a count. */
export function isDateFormat(numberFormat: string | null): boolean {
  if (!numberFormat) return false;
  const f = numberFormat.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[dy]/i.test(f) || /m{3,}/i.test(f) || (/m/i.test(f) && /[dhy]/i.test(f));
}

export interface CellReading {
  /** The numeric value used in computation, or null. */
  value: number | null;
  status: ValueStatus;
  text: string;
  /** For a word (`tiga`): what it means, to suggest the fix. */
  wordValue?: number;
  grade?: string;
  /** A number cell formatted as a percentage: shown ×100, and `value` is the shown number. */
  percentFormat?: boolean;
  /** Written as a percentage in text (`84,5%`). */
  percentText?: boolean;
  /** A text read two ways (`1.250`): which reading was taken and why. */
  ambiguity?: Ambiguity;
  /** The unit typed after the number (`12 dokumen`). */
  unit?: string;
  /** A fraction (0.85) read as a percentage (85) because the row or column is on the 0–100 scale. */
  fractionScaled?: boolean;
}

/** How the other cells of a column are typed: Indonesian (`12,5`, `1.250.000`) or English (`82.53`). */
export interface ColumnConvention {
  indonesian: number;
  english: number;
}

export interface ReadContext {
  /** Score ranges of the indicator's grade scale (IKM 25–100 and its NRR 1–4 …). */
  scaleRanges?: readonly (readonly [number, number])[];
  /** The value the cell is measured against (the target), when known. */
  target?: number | null;
  /** The row's other values (its other periods), when known. */
  peers?: readonly number[];
  /** How the column's other cells are typed. */
  column?: ColumnConvention | null;
  /** A small-scale score (`Rata-rata skor …`, `Indeks …`). */
  smallScale?: boolean;
  /** Unit words accepted after the number besides the count nouns (the row's own unit). */
  units?: readonly string[];
}

/** How a text is typed: `12,5` / `1.250.000` / `1.250,5` are Indonesian, `82.53` / `1,250.5` English; `1.250` says nothing. */
export function textConvention(text: string): "indonesian" | "english" | null {
  const m = /^[+-]?(\d{1,3}(?:([.,])\d{3})+(?:([.,])\d+)?|\d+([.,])\d+)/.exec(displayText(text).replace(/^'|^rp\.?\s*/i, ""));
  if (!m) return null;
  if (m[4]) {
    const decimals = m[1].split(m[4])[1];
    if (decimals.length === 3) return null;
    return m[4] === "," ? "indonesian" : "english";
  }
  const group = m[2];
  const decimal = m[3];
  if (decimal) return decimal === "," ? "indonesian" : "english";
  // `1.250.000`: repeated grouping.
  const groups = (m[1].match(new RegExp(`\\${group}`, "g")) ?? []).length;
  if (groups > 1) return group === "." ? "indonesian" : "english";
  return null;
}

/** log10 distance between two positive numbers (how many powers of ten apart). */
function distance(a: number, b: number): number {
  if (a <= 0 || b <= 0) return Infinity;
  return Math.abs(Math.log10(a / b));
}

function decide(decimal: number, thousands: number, raw: string, numberFormat: string | null, ctx: ReadContext): Ambiguity {
  const pick = (useDecimal: boolean, reason: Ambiguity["reason"]): Ambiguity => ({
    raw,
    chosen: useDecimal ? decimal : thousands,
    other: useDecimal ? thousands : decimal,
    reason,
  });
  for (const range of ctx.scaleRanges ?? []) {
    const d = decimal >= range[0] && decimal <= range[1];
    const t = thousands >= range[0] && thousands <= range[1];
    if (d !== t) return pick(d, "scale");
  }
  // Near the target (within ten times) against two or more powers of ten away.
  for (const [ref, reason] of [[ctx.target, "target"], [median(ctx.peers ?? []), "row"]] as const) {
    if (ref === null || ref === undefined || !(ref > 0)) continue;
    const dd = distance(decimal, ref);
    const dt = distance(thousands, ref);
    if (dd <= 1 && dt >= 2) return pick(true, reason);
    if (dt <= 1 && dd >= 2) return pick(false, reason);
  }
  if (numberFormat && /#,#|0,0/.test(numberFormat.replace(/"[^"]*"/g, "")) && !formatHasDecimals(numberFormat)) return pick(false, "numberFormat");
  if (formatHasDecimals(numberFormat)) return pick(true, "numberFormat");
  const col = ctx.column;
  if (col && col.indonesian !== col.english) {
    // In Indonesian typing a dot groups thousands and a comma is the decimal sign.
    const indonesian = col.indonesian > col.english;
    const dot = raw.includes(".");
    return pick(indonesian ? !dot : dot, "column");
  }
  if (ctx.smallScale) return pick(true, "smallScale");
  return raw.includes(",") ? pick(true, "decimalComma") : pick(false, "thousandsDot");
}

function median(values: readonly number[]): number | null {
  const v = values.filter((x) => Number.isFinite(x) && x > 0).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v[Math.floor(v.length / 2)];
}

const UNIT_TEXT = /^[a-z][a-z/.-]*(?:\s+[a-z][a-z/.-]*){0,2}$/i;

/**
 * Reads a cell. A number cell formatted as a percentage (`0%`, `0.00%`) holds 0.83 for 83 %
 * and is read as 83, as the user sees it.
 */
export function readCell(raw: CellValue, numberFormat: string | null, ctx: ReadContext = {}): CellReading {
  if (raw === null) return { value: null, status: "empty", text: "" };
  if (isCellError(raw)) return { value: null, status: "error", text: raw.error };
  if (typeof raw === "boolean") return { value: null, status: "not-numeric", text: String(raw) };
  if (typeof raw === "number" && isDateFormat(numberFormat)) return { value: null, status: "date", text: String(raw) };
  if (typeof raw === "number") {
    if (formatIsPercent(numberFormat)) return { value: percentOf(raw), status: "number", text: String(raw), percentFormat: true };
    return { value: raw, status: "number", text: String(raw) };
  }
  const text = displayText(raw).replace(/[\u2212\u2013](?=\d)/, "-").replace(/(\d),-$/, "$1").replace(/(\d)\.-$/, "$1");
  if (text === "") return { value: null, status: "empty", text: raw };
  if (/^[-–—]+$/.test(text)) return { value: null, status: "empty", text: raw };
  const n = parseNumber(text);
  if (n && !n.fromWord) {
    const unit = n.rest.toLowerCase();
    const unitOk = unit === "" || (UNIT_TEXT.test(unit) && (COUNT_UNITS.includes(unit.split(/\s+/)[0]) || (ctx.units ?? []).includes(unit)));
    if (unitOk) {
      const reading: CellReading = { value: n.value, status: "text-number", text: raw };
      if (n.percent) reading.percentText = true;
      if (unit) reading.unit = unit;
      if (n.alternatives.length > 0) {
        const token = /[+-]?[\d.,]+/.exec(text)?.[0] ?? text;
        const a = decide(n.value, n.alternatives[0], token, numberFormat, ctx);
        reading.value = a.chosen;
        reading.ambiguity = a;
      }
      return reading;
    }
  }
  if (n && n.fromWord && n.rest === "") return { value: null, status: "word", text: raw, wordValue: n.value };
  const g = parseTarget(text);
  if (g.form === "grade") return { value: g.value, status: "grade", text: raw, grade: g.grade ?? undefined };
  return { value: null, status: "not-numeric", text: raw };
}

/** Holds a value the engine could not read (text, an error, a date): nothing is computed with it. */
export function isUnreadable(r: CellReading | null): boolean {
  return r !== null && (r.status === "not-numeric" || r.status === "error" || r.status === "word" || r.status === "date");
}

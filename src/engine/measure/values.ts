/**
 * A realisation cell, read: a number, a number stored as text (`'85`, `18,5`), a word
 * (`tiga` — readable, but not a number in a measurement sheet), a grade (`BB`,
 * `B = 68.4`), an error value, or empty.
 */
import { isCellError, type CellValue } from "../snapshot";
import { displayText } from "../text";
import { formatIsPercent, parseNumber, percentOf } from "../indicator/number";
import { parseTarget } from "../indicator/target";

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
}

/**
 * Reads a cell. `percentScale` says the indicator is a percentage: a number cell formatted
 * as `0%` holds 0.83 for 83 %, and is read as 83.
 */
export function readCell(raw: CellValue, numberFormat: string | null, percentScale = false): CellReading {
  if (raw === null) return { value: null, status: "empty", text: "" };
  if (isCellError(raw)) return { value: null, status: "error", text: raw.error };
  if (typeof raw === "boolean") return { value: null, status: "not-numeric", text: String(raw) };
  if (typeof raw === "number" && isDateFormat(numberFormat)) return { value: null, status: "date", text: String(raw) };
  if (typeof raw === "number") {
    if (percentScale && formatIsPercent(numberFormat)) return { value: percentOf(raw), status: "number", text: String(raw), percentFormat: true };
    return { value: raw, status: "number", text: String(raw) };
  }
  const text = displayText(raw);
  if (text === "" ) return { value: null, status: "empty", text: raw };
  if (/^[-–—]+$/.test(text)) return { value: null, status: "empty", text: raw };
  const n = parseNumber(text);
  if (n && n.rest === "" && !n.fromWord) {
    // Ambiguous `2.991` in a realisation cell: the decimal reading (a measured value).
    return { value: n.value, status: "text-number", text: raw };
  }
  if (n && n.fromWord && n.rest === "") return { value: null, status: "word", text: raw, wordValue: n.value };
  const g = parseTarget(text);
  if (g.form === "grade") return { value: g.value, status: "grade", text: raw, grade: g.grade ?? undefined };
  return { value: null, status: "not-numeric", text: raw };
}

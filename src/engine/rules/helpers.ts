/** Small helpers the rule modules share. */
import type { RecognizedTable, TableColumn, ColumnRole } from "../recognize";
import type { EvaluatedIndicator } from "../evaluate";
import { displayText } from "../text";
import type { Text } from "./types";

export function columnOf(table: RecognizedTable, role: ColumnRole): TableColumn | undefined {
  const of = table.columns.filter((c) => c.role === role);
  // The engine reads the rightmost Sasaran (most specific), the first of anything else.
  return role === "sasaran" ? of[of.length - 1] : of[0];
}

/** The indicator's text in a column (wrapped rows joined), display form. */
export function cellText(ind: EvaluatedIndicator, col: number | undefined): string {
  if (col === undefined) return "";
  return displayText(ind.typed.row.cells[col] ?? "");
}

/** Quotes a cell text for a message, shortened. */
export function q(text: string, max = 80): string {
  const t = displayText(text);
  return `"${t.length > max ? `${t.slice(0, max - 1)}…` : t}"`;
}

export function text(id: string, en: string): Text {
  return { id, en };
}

/** A number for an English message: two decimals at most, decimal point. */
export function fmt(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** A number for an Indonesian message: two decimals at most, decimal comma (96,77). */
export function fmtId(v: number): string {
  return fmt(v).replace(".", ",");
}

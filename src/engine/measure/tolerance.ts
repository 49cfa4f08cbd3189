/**
 * How far a figure in the sheet may be from the computed one before it is a mismatch:
 * max(0.05, half a unit of the last decimal the cell shows). A cell formatted `0` that shows
 * 102 for 101.6 is rounded, not wrong; one formatted `0.00` showing 96.77 for 100 is wrong.
 */
import type { CellReading } from "./values";

/** Decimals a number format shows in its first (positive) section: `0.00%` → 2, `#,##0` → 0; null for General. */
export function formatDecimals(numberFormat: string | null | undefined): number | null {
  if (!numberFormat) return null;
  const first = numberFormat.split(";")[0].replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  if (/^general$/i.test(first.trim()) || first.trim() === "" || first.trim() === "@") return null;
  if (/e[+-]/i.test(first)) return null;
  const m = /\.([0#?]+)/.exec(first);
  return m ? m[1].length : 0;
}

/** Decimals as shown by General: the number as Excel prints it, at most 10 significant digits. */
function generalDecimals(value: number): number {
  const s = String(Number(value.toPrecision(10)));
  if (/e/i.test(s)) return 10;
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** Decimals written in a number typed as text (`103,5` → 1, `96,77%` → 2, `1.250` read as 1250 → 0). */
function textDecimals(reading: CellReading): number {
  const text = reading.text.trim();
  const m = /[.,](\d+)\s*%?\s*$/.exec(text.replace(/\s+[a-z].*$/i, ""));
  if (!m) return 0;
  if (reading.ambiguity && reading.ambiguity.chosen === Math.round(reading.ambiguity.chosen) && m[1].length === 3) return 0;
  return m[1].length;
}

/** The tolerance for a reading of a cell (values in the reading's own scale: percent points for `0%` formats). */
export function displayTolerance(reading: CellReading, numberFormat: string | null | undefined): number {
  if (reading.value === null) return 0.05;
  let decimals: number;
  if (reading.status === "text-number") decimals = textDecimals(reading);
  else {
    const fromFormat = formatDecimals(numberFormat);
    // A fraction shown as a percentage shows its decimals in percent points.
    decimals = fromFormat ?? generalDecimals(reading.fractionScaled ? reading.value / 100 : reading.value);
    if (fromFormat === null && reading.fractionScaled) decimals = Math.max(0, decimals - 2);
  }
  return Math.max(0.05, 0.5 * 10 ** -decimals);
}

/**
 * The periods of a table, in calendar order, with the columns that hold each period's
 * realisation, target and capaian.
 *
 * A sheet may hold periods of several lengths at once: months and the quarters they make
 * up, quarters and semesters, or a year's total beside them. The year to date is built from
 * the shortest periods only (adding a quarter to its own months would count it twice); each
 * longer period is a summary, to be checked against the shorter ones it covers.
 */
import { columnLetters } from "../address";
import type { LayoutNote, RecognizedTable, TableColumn } from "../recognize";

export interface PeriodColumns {
  period: string;
  realisasi: TableColumn | null;
  target: TableColumn | null;
  capaian: TableColumn | null;
}

/** A longer period beside the shorter ones it is made of (a quarter and its three months). */
export interface SummaryPeriod {
  period: string;
  realisasi: TableColumn;
  /** The measured periods inside it, in order. */
  parts: string[];
  /** The parts cover the whole period (all three months of the quarter are columns). */
  complete: boolean;
}

/** The months (1–12) a sub-year period spans; null for years and anything else. */
export function monthSpan(key: string): [number, number] | null {
  const tw = /^TW (I{1,3}|IV)$/.exec(key);
  if (tw) {
    const q = ["I", "II", "III", "IV"].indexOf(tw[1]) + 1;
    return [3 * q - 2, 3 * q];
  }
  const sem = /^Semester (I{1,2})$/.exec(key);
  if (sem) return sem[1] === "I" ? [1, 6] : [7, 12];
  const month = /^Bulan (\d{1,2})$/.exec(key);
  if (month) return [Number(month[1]), Number(month[1])];
  if (key === "Tahunan") return [1, 12];
  return null;
}

/** Sort key of a period key: sub-year periods by their last month (shorter first), years by number. */
export function periodOrder(key: string): number {
  if (key !== "Tahunan") {
    const span = monthSpan(key);
    if (span) return 1000 + span[1] * 10 + (span[1] - span[0] === 0 ? 0 : span[1] - span[0] === 2 ? 1 : 2);
  }
  if (/^\d{4}$/.test(key)) return Number(key) * 100;
  return 1_000_000; // Tahunan and anything else: after the periods
}

/** Quarters, semesters and months: the periods that make up one year. */
export function isSubYearPeriod(key: string): boolean {
  return key !== "Tahunan" && monthSpan(key) !== null;
}

function byPeriod(table: RecognizedTable): PeriodColumns[] {
  const map = new Map<string, PeriodColumns>();
  for (const c of table.columns) {
    if (c.role !== "realisasi" && c.role !== "target" && c.role !== "capaian") continue;
    const key = c.period ?? "Tahunan";
    if (key === "Tahunan" && c.role !== "realisasi") continue;
    const entry = map.get(key) ?? { period: key, realisasi: null, target: null, capaian: null };
    entry[c.role] ??= c;
    map.set(key, entry);
  }
  return [...map.values()].filter((p) => p.realisasi !== null);
}

const inside = (a: [number, number], b: [number, number]): boolean => a[0] >= b[0] && a[1] <= b[1];

interface PeriodLayout {
  measured: PeriodColumns[];
  summaries: SummaryPeriod[];
  notes: LayoutNote[];
}

const layouts = new WeakMap<RecognizedTable, PeriodLayout>();

/**
 * Measured periods (the shortest of each stretch of the year) and summaries (longer periods
 * over them). A longer period whose shorter ones are only partly there (TW I beside Jan and
 * Feb, no Mar) is measured itself and its parts are left out, with a note.
 */
export function periodLayout(table: RecognizedTable): PeriodLayout {
  const cached = layouts.get(table);
  if (cached) return cached;
  const all = byPeriod(table);
  const subYear = all.filter((p) => isSubYearPeriod(p.period));
  const span = (p: PeriodColumns): [number, number] => monthSpan(p.period)!;
  const notes: LayoutNote[] = [];
  // Longer periods whose parts do not cover them: measured themselves; their parts are dropped.
  const dropped = new Set<string>();
  const partial = new Set<string>();
  for (const p of [...subYear].sort((a, b) => (span(b)[1] - span(b)[0]) - (span(a)[1] - span(a)[0]))) {
    if (dropped.has(p.period)) continue;
    const parts = subYear.filter((q) => q !== p && !dropped.has(q.period) && inside(span(q), span(p)));
    if (parts.length === 0) continue;
    const months = new Set<number>();
    for (const q of parts) for (let m = span(q)[0]; m <= span(q)[1]; m++) months.add(m);
    if (months.size === span(p)[1] - span(p)[0] + 1) continue;
    partial.add(p.period);
    for (const q of parts) dropped.add(q.period);
    const col = p.realisasi!.col;
    notes.push({
      row: table.headerBottom,
      col,
      kind: "partial-period",
      message: {
        id: `Kolom ${columnLetters(col)} (${p.period}) berdampingan dengan hanya sebagian periodenya (${parts.map((q) => q.period).join(", ")}); yang dihitung ${p.period}, periode yang lebih pendek diabaikan.`,
        en: `Column ${columnLetters(col)} (${p.period}) stands beside only some of its parts (${parts.map((q) => q.period).join(", ")}); ${p.period} is used and the shorter periods are left out.`,
      },
    });
  }
  const kept = subYear.filter((p) => !dropped.has(p.period));
  const isMeasured = (p: PeriodColumns): boolean => !kept.some((q) => q !== p && inside(span(q), span(p)) && !(span(q)[0] === span(p)[0] && span(q)[1] === span(p)[1]));
  const measured = kept.filter(isMeasured);
  const summaries: SummaryPeriod[] = [];
  for (const p of kept.filter((x) => !isMeasured(x))) {
    const parts = measured.filter((q) => inside(span(q), span(p)));
    summaries.push({ period: p.period, realisasi: p.realisasi!, parts: parts.map((q) => q.period), complete: !partial.has(p.period) });
  }
  // A period-less "Realisasi" / "Realisasi Tahunan" beside sub-year periods is the year's total.
  const annual = all.find((p) => p.period === "Tahunan");
  const out = subYear.length > 0 ? measured : all;
  if (subYear.length > 0 && annual) summaries.push({ period: "Tahunan", realisasi: annual.realisasi!, parts: measured.map((q) => q.period), complete: true });
  // Years and anything without a month span stay measured as before.
  const others = subYear.length > 0 ? all.filter((p) => !isSubYearPeriod(p.period) && p.period !== "Tahunan") : [];
  const result: PeriodLayout = {
    measured: [...out, ...others].sort((a, b) => periodOrder(a.period) - periodOrder(b.period)),
    summaries: summaries.sort((a, b) => periodOrder(a.period) - periodOrder(b.period)),
    notes,
  };
  layouts.set(table, result);
  return result;
}

/** Periods that carry realisation (the measured periods), in order, with their columns. */
export function tablePeriods(table: RecognizedTable): PeriodColumns[] {
  return periodLayout(table).measured;
}

/** The table's capaian column for the whole year (annual, or the only one). */
export function annualCapaianColumn(table: RecognizedTable): TableColumn | null {
  const cap = table.columns.filter((c) => c.role === "capaian");
  return cap.find((c) => c.period === null || c.period === "Tahunan") ?? (cap.length === 1 ? cap[0] : null);
}

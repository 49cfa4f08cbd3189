/**
 * The periods of a table, in calendar order, with the columns that hold each period's
 * realisation, target and capaian.
 */
import type { RecognizedTable, TableColumn } from "../recognize";

export interface PeriodColumns {
  period: string;
  realisasi: TableColumn | null;
  target: TableColumn | null;
  capaian: TableColumn | null;
}

/** Sort key of a period key: quarters, semesters, months within a year; years by number. */
export function periodOrder(key: string): number {
  const tw = /^TW (I{1,3}|IV)$/.exec(key);
  if (tw) return 1000 + ["I", "II", "III", "IV"].indexOf(tw[1]) * 3 + 3;
  const sem = /^Semester (I{1,2})$/.exec(key);
  if (sem) return 1000 + (sem[1] === "I" ? 6 : 12);
  const month = /^Bulan (\d{1,2})$/.exec(key);
  if (month) return 1000 + Number(month[1]);
  if (/^\d{4}$/.test(key)) return Number(key) * 100;
  return 1_000_000; // Tahunan and anything else: after the periods
}

/** Periods that carry realisation (the measured periods), in order, with their columns. */
export function tablePeriods(table: RecognizedTable): PeriodColumns[] {
  const byPeriod = new Map<string, PeriodColumns>();
  for (const c of table.columns) {
    if (c.role !== "realisasi" && c.role !== "target" && c.role !== "capaian") continue;
    const key = c.period ?? "Tahunan";
    if (key === "Tahunan" && c.role !== "realisasi") continue;
    const entry = byPeriod.get(key) ?? { period: key, realisasi: null, target: null, capaian: null };
    entry[c.role] ??= c;
    byPeriod.set(key, entry);
  }
  const measured = [...byPeriod.values()].filter((p) => p.realisasi !== null);
  // A period-less "Realisasi" / "Realisasi Tahunan" beside quarter, semester or month
  // columns is the year's total of those periods, not one more period: summing it in
  // would count the year twice.
  const subYear = measured.some((p) => isSubYearPeriod(p.period));
  return measured.filter((p) => !(subYear && p.period === "Tahunan")).sort((a, b) => periodOrder(a.period) - periodOrder(b.period));
}

/** Quarters, semesters and months: the periods that make up one year. */
export function isSubYearPeriod(key: string): boolean {
  const order = periodOrder(key);
  return order > 1000 && order <= 1012;
}

/** The table's capaian column for the whole year (annual, or the only one). */
export function annualCapaianColumn(table: RecognizedTable): TableColumn | null {
  const cap = table.columns.filter((c) => c.role === "capaian");
  return cap.find((c) => c.period === null || c.period === "Tahunan") ?? (cap.length === 1 ? cap[0] : null);
}

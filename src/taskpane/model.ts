/**
 * Pure helpers over the report for the pane's views: counts, class distribution, which
 * indicator a grid cell belongs to. No React, no host.
 */
import type { Finding, IndicatorReport, TableReport, WorkbookReport } from "../engine/report";
import { BAND_SETS, type Band, type BandSetId } from "../engine/measure/classes";
import type { Severity } from "../engine/rules";
import type { CellRef } from "./host-api";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

export interface IndicatorEntry {
  sheet: string;
  tableIndex: number;
  table: TableReport;
  indicator: IndicatorReport;
  /** Stable id: `${sheet}!${row}` (the override key too). */
  key: string;
  /** Last sheet row that belongs to this indicator (continuation and component rows). */
  lastRow: number;
}

export function rowKey(sheet: string, row: number): string {
  return `${sheet}!${row}`;
}

/** Parses "A10:P18" → rows 10..18. */
export function rangeRows(range: string): { top: number; bottom: number } | null {
  const m = /^[A-Z]+(\d+)(?::[A-Z]+(\d+))?$/i.exec(range.trim());
  if (!m) return null;
  const top = Number(m[1]);
  return { top, bottom: m[2] ? Number(m[2]) : top };
}

export function indicatorEntries(report: WorkbookReport): IndicatorEntry[] {
  const out: IndicatorEntry[] = [];
  for (const sheet of report.sheets) {
    sheet.tables.forEach((table, tableIndex) => {
      const bottom = rangeRows(table.dataRange)?.bottom ?? Number.MAX_SAFE_INTEGER;
      table.indicators.forEach((indicator, i) => {
        const next = table.indicators[i + 1];
        out.push({
          sheet: sheet.name,
          tableIndex,
          table,
          indicator,
          key: rowKey(sheet.name, indicator.row),
          lastRow: next ? next.row - 1 : bottom,
        });
      });
    });
  }
  return out;
}

/** The indicator whose rows hold the cell, or null (a title, a blank row, another sheet). */
export function entryForCell(entries: readonly IndicatorEntry[], ref: CellRef): IndicatorEntry | null {
  const m = /^\$?[A-Z]+\$?(\d+)/i.exec(ref.cell.trim());
  if (!m) return null;
  const row = Number(m[1]);
  return entries.find((e) => e.sheet === ref.sheet && row >= e.indicator.row && row <= e.lastRow) ?? null;
}

/** The cell that stands for an indicator in the grid: its name in the Indikator column. */
export function indicatorCell(entry: IndicatorEntry): CellRef {
  const col = entry.table.columns.indikator;
  const letter = typeof col === "string" ? col : (rangeLetter(entry.table.dataRange) ?? "A");
  return { sheet: entry.sheet, cell: `${letter}${entry.indicator.row}` };
}

function rangeLetter(range: string): string | null {
  return /^([A-Z]+)/i.exec(range)?.[1] ?? null;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

export function countByKind(indicators: readonly IndicatorReport[], kindOf: (i: IndicatorReport) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const i of indicators) counts.set(kindOf(i), (counts.get(kindOf(i)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export interface ClassCount {
  band: Band;
  /** 0 = best band. */
  rank: number;
  count: number;
}

/** YTD capaian classes of the indicators, best band first, plus how many have none. */
export function classDistribution(indicators: readonly IndicatorReport[], bandSet: BandSetId): { classes: ClassCount[]; none: number } {
  const bands = BAND_SETS[bandSet].bands;
  const classes = bands.map((band, rank) => ({ band, rank, count: 0 }));
  let none = 0;
  for (const i of indicators) {
    const idx = bands.findIndex((b) => b.id === i.measurement.class);
    if (idx < 0) none++;
    else classes[idx].count++;
  }
  return { classes, none };
}

export function bandOf(cls: string | null, bandSet: BandSetId): { band: Band; rank: number; of: number } | null {
  if (cls === null) return null;
  const bands = BAND_SETS[bandSet].bands;
  const rank = bands.findIndex((b) => b.id === cls);
  return rank < 0 ? null : { band: bands[rank], rank, of: bands.length };
}

/** Findings by the indicator (first row) they are about, for the list's counts. */
export function findingsByRow(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = rowKey(f.sheet, f.indicatorRow ?? f.row);
    const list = out.get(key);
    if (list) list.push(f);
    else out.set(key, [f]);
  }
  return out;
}

/** Parses an ignored-finding key `rule@sheet!cell` (sheet names may hold `!` and `@`). */
export function parseFindingKey(key: string): { rule: string; sheet: string; cell: string } | null {
  const at = key.indexOf("@");
  const bang = key.lastIndexOf("!");
  if (at <= 0 || bang <= at) return null;
  return { rule: key.slice(0, at), sheet: key.slice(at + 1, bang), cell: key.slice(bang + 1) };
}

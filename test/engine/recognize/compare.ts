/**
 * Turns recognised tables and the hand-written expectations into one comparable shape,
 * so a test can report table by table what differs.
 */
import { columnLetters } from "../../../src/engine/address";
import type { RecognizedTable } from "../../../src/engine/recognize";

export interface ExpectedTable {
  headerLines: number[];
  columnNumberLine: number | null;
  repeatedHeaderLines: number[];
  firstDataLine: number;
  lastDataLine: number;
  indicatorLines: number[];
  kind: string;
  jabatan: string | null;
  perangkatDaerah: string | null;
  roles: Record<string, string>;
}

export interface TableShape {
  sheet: string;
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
  kind: string;
  roles: Record<string, string>;
  indicatorRows: number[];
  repeatedHeaderRows: number[];
  jabatan: string | null;
}

/** `target:2021` style role names, as the expectation files write them. */
export function roleName(role: string, period: string | null): string {
  if (period === null || period === "Tahunan") return role;
  if (role === "target" || role === "realisasi" || role === "capaian") return `${role}:${period}`;
  return role;
}

export function shapeOf(t: RecognizedTable): TableShape {
  const roles: Record<string, string> = {};
  for (const c of t.columns) roles[columnLetters(c.col)] = roleName(c.role, c.period);
  return {
    sheet: t.sheet,
    headerRow: t.headerTop,
    firstDataRow: t.firstDataRow,
    lastDataRow: t.lastDataRow,
    kind: t.kind,
    roles,
    indicatorRows: t.indicators.map((i) => i.row),
    repeatedHeaderRows: [...t.repeatedHeaderRows],
    jabatan: t.meta.jabatan,
  };
}

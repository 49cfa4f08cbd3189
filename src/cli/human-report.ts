/** The human-readable report: per file, sheet and table, then a count line. */
import type { Finding, SheetReport, TableReport } from "../engine/report";
import { parseRangeAddress } from "../engine/address";
import type { Messages } from "./messages";

export interface FileResult {
  file: string;
  error: string | null;
  sheets: SheetReport[];
  findings: Finding[];
}

function describeColumns(t: TableReport, m: Messages): string {
  return t.allColumns
    .map((c) => `${m.roles[c.role] ?? c.role}${c.period && c.period !== "Tahunan" ? ` ${c.period}` : ""}=${c.letter}`)
    .join(", ");
}

function count(findings: Finding[], severity: Finding["severity"]): number {
  return findings.filter((f) => f.severity === severity).length;
}

/** The findings on a table's rows (header to last data row). */
function findingsOfTable(findings: Finding[], sheet: string, t: TableReport): Finding[] {
  const top = parseRangeAddress(t.headerRange).top;
  const bottom = parseRangeAddress(t.dataRange).bottom;
  return findings.filter((f) => f.sheet === sheet && f.row >= top && f.row <= bottom);
}

/** Two decimals at most, with the report language's decimal sign (96,77 in Bahasa Indonesia). */
function formatNumber(v: number, m: Messages): string {
  return String(Math.round(v * 100) / 100).replace(".", m.decimal);
}

/** The file's report, line by line (a report of 100,000 findings is never one string). */
export function writeFileReport(result: FileResult, m: Messages, line: (text: string) => void): void {
  line(result.file);
  let tables = 0;
  let indicators = 0;
  for (const sheet of result.sheets) {
    if (sheet.tables.length === 0) continue;
    line(`  ${m.sheet} "${sheet.name}"`);
    for (const t of sheet.tables) {
      tables++;
      indicators += t.indicators.length;
      line(`    ${m.table(t.kind, t.indicators.length)} — ${m.header} ${t.headerRange}, ${m.data} ${t.dataRange}`);
      if (t.meta.jabatan) line(`      ${m.jabatan}: ${t.meta.jabatan}`);
      if (t.meta.perangkatDaerah) line(`      ${m.perangkatDaerah}: ${t.meta.perangkatDaerah}`);
      if (!t.meta.jabatan && t.meta.unit) line(`      ${m.unit}: ${t.meta.unit}`);
      line(`      ${m.columns}: ${describeColumns(t, m)}`);
      if (t.runningTotals) line(`      ${m.runningTotals}`);
      const own = findingsOfTable(result.findings, sheet.name, t);
      if (own.length) {
        line(`      ${m.findingsOfTable(count(own, "error"), count(own, "warning"), count(own, "info"))}`);
        for (const f of own) line(`        ${m.severity[f.severity]} ${f.cell} ${f.rule}: ${f.message}`);
      }
      if (t.kind === "PK") {
        for (const i of t.indicators) {
          const cap = i.capaian === null ? "–" : `${formatNumber(i.capaian, m)}%`;
          const cls = i.measurement.class ? ` (${i.measurement.class})` : "";
          line(`      ${i.row}: ${i.name.slice(0, 60)} — ${m.realisasi} ${i.realisasi === null ? "–" : formatNumber(i.realisasi, m)}, ${m.capaian} ${cap}${cls}`);
        }
      }
    }
  }
  if (tables === 0) line(`  ${m.noTables}`);
  // Findings outside every table (none today; kept so that nothing is ever hidden).
  const inTables = new Set(result.sheets.flatMap((s) => s.tables.flatMap((t) => findingsOfTable(result.findings, s.name, t))));
  for (const f of result.findings.filter((x) => !inTables.has(x))) line(`  ${m.severity[f.severity]} ${f.sheet}!${f.cell} ${f.rule}: ${f.message}`);
  const all = result.findings;
  line(`  ${m.summary(tables, indicators, count(all, "error"), count(all, "warning"), count(all, "info"))}`);
}

export function formatFile(result: FileResult, m: Messages): string {
  const lines: string[] = [];
  writeFileReport(result, m, (l) => lines.push(l));
  return lines.join("\n");
}

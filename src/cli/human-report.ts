/** The human-readable report: per file, sheet and table, then a count line. */
import type { Finding, SheetReport, TableReport } from "../engine/report";
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

/** Two decimals at most, Indonesian style is left to the pane; the CLI prints plain numbers. */
function formatNumber(v: number): string {
  return String(Math.round(v * 100) / 100);
}

export function formatFile(result: FileResult, m: Messages): string {
  const lines: string[] = [result.file];
  let tables = 0;
  let indicators = 0;
  for (const sheet of result.sheets) {
    if (sheet.tables.length === 0) continue;
    lines.push(`  ${m.sheet} "${sheet.name}"`);
    for (const t of sheet.tables) {
      tables++;
      indicators += t.indicators.length;
      lines.push(`    ${m.table(t.kind, t.indicators.length)} — ${m.header} ${t.headerRange}, ${m.data} ${t.dataRange}`);
      if (t.meta.jabatan) lines.push(`      ${m.jabatan}: ${t.meta.jabatan}`);
      if (t.meta.perangkatDaerah) lines.push(`      ${m.perangkatDaerah}: ${t.meta.perangkatDaerah}`);
      if (!t.meta.jabatan && t.meta.unit) lines.push(`      ${m.unit}: ${t.meta.unit}`);
      lines.push(`      ${m.columns}: ${describeColumns(t, m)}`);
      if (t.runningTotals) lines.push(`      ${m.runningTotals}`);
      if (t.kind === "PK") {
        for (const i of t.indicators) {
          const cap = i.capaian === null ? "–" : `${formatNumber(i.capaian)}%`;
          const cls = i.measurement.class ? ` (${i.measurement.class})` : "";
          lines.push(`      ${i.row}: ${i.name.slice(0, 60)} — ${m.realisasi} ${i.realisasi === null ? "–" : formatNumber(i.realisasi)}, ${m.capaian} ${cap}${cls}`);
        }
      }
    }
  }
  if (tables === 0) lines.push(`  ${m.noTables}`);
  for (const f of result.findings) lines.push(`  ${f.severity} ${f.sheet}!${f.cell} ${f.rule}: ${f.message}`);
  const count = (s: Finding["severity"]) => result.findings.filter((f) => f.severity === s).length;
  lines.push(`  ${m.summary(tables, indicators, count("error"), count("warning"), count("info"))}`);
  return lines.join("\n");
}

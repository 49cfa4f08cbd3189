/**
 * Annotated copies: the checked workbook with every flagged cell marked by a conditional
 * format the checker owns (the user's own fill is untouched) and a note carrying the
 * message (an existing note is kept and the message appended), plus a "Temuan" sheet
 * listing every finding with a link to its cell. Everything the checker adds carries the
 * marker "IKI Checker", so it can be found and removed again. The input file is only
 * read; the copy is written atomically (temporary file, then rename).
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import path from "path";
import type { Finding } from "../engine/report";
import { CopyWouldLoseContentError, partsLostInCopy } from "./copy-fidelity";
import { FLAG_COLOURS, FLAG_MARKER, SEVERITY_WORD, findingLine, worstSeverity, xmlSafe } from "../engine/flag-style";

export const MARKER = FLAG_MARKER;
/** Conditional-format formula: always true, and names the checker and the severity. */
export const markerFormula = (severity: string): string => `"${MARKER}:${severity}"="${MARKER}:${severity}"`;

/** exceljs wants ARGB: `#FFC7CE` → `FFFFC7CE`. */
const argb = (hex: string): string => `FF${hex.slice(1)}`;

function existingNote(cell: ExcelJS.Cell): string {
  const note = cell.note as unknown;
  if (!note) return "";
  if (typeof note === "string") return note;
  const texts = (note as { texts?: { text?: string }[] }).texts;
  return texts ? texts.map((t) => t.text ?? "").join("") : "";
}

function noteText(findings: Finding[], lang: "id" | "en"): string {
  return findings
    // English copies name the severity as the JSON report does (`error`).
    .map((f) => `[${MARKER}] ${findingLine(f, lang)}`)
    .join("\n");
}

/** A sheet name not yet taken: "Temuan", else "Temuan (IKI)", "Temuan (IKI 2)" … */
function freeSheetName(wb: ExcelJS.Workbook, base: string): string {
  if (!wb.getWorksheet(base)) return base;
  for (let i = 1; ; i++) {
    const name = i === 1 ? `${base} (IKI)` : `${base} (IKI ${i})`;
    if (!wb.getWorksheet(name)) return name;
  }
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function annotateWorkbook(wb: ExcelJS.Workbook, findings: Finding[], lang: "id" | "en" = "id"): void {
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.sheet}\u0000${f.cell}`;
    byCell.set(key, [...(byCell.get(key) ?? []), f]);
  }
  for (const [key, list] of byCell) {
    const [sheetName, address] = key.split("\u0000");
    const ws = wb.getWorksheet(sheetName);
    if (!ws) continue;
    const worst = worstSeverity(list);
    ws.addConditionalFormatting({
      ref: address,
      rules: [
        {
          type: "expression",
          priority: 1,
          formulae: [markerFormula(worst)],
          style: {
            fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(FLAG_COLOURS[worst].fill) } },
            font: { color: { argb: argb(FLAG_COLOURS[worst].font) } },
          },
        },
      ],
    });
    const cell = ws.getCell(address);
    const before = existingNote(cell);
    const ours = noteText(list, lang);
    cell.note = before ? `${before}\n\n${ours}` : ours;
  }
  addFindingsSheet(wb, findings, lang);
}

function addFindingsSheet(wb: ExcelJS.Workbook, findings: Finding[], lang: "id" | "en"): void {
  const ws = wb.addWorksheet(freeSheetName(wb, lang === "id" ? "Temuan" : "Findings"));
  const head =
    lang === "id"
      ? ["No", "Tingkat", "Aturan", "Lembar", "Sel", "Pesan", "Saran"]
      : ["No", "Severity", "Rule", "Sheet", "Cell", "Message", "Suggestion"];
  ws.addRow([`${MARKER} — ${lang === "id" ? "daftar temuan" : "findings"}`]).font = { bold: true };
  const header = ws.addRow(head);
  header.font = { bold: true };
  findings.forEach((f, i) => {
    const row = ws.addRow([
      i + 1,
      lang === "id" ? SEVERITY_WORD.id[f.severity] : f.severity,
      f.rule,
      f.sheet,
      null,
      xmlSafe(f.messages[lang]),
      f.suggestion ? xmlSafe(f.suggestion[lang]) : "",
    ]);
    // An internal link, written as a hyperlink value: never a formula built from cell text.
    row.getCell(5).value = { text: f.cell, hyperlink: `#${quoteSheet(f.sheet)}!${f.cell}` };
    row.getCell(5).font = { color: { argb: "FF0563C1" }, underline: true };
  });
  ws.columns.forEach((c, i) => {
    c.width = [5, 11, 28, 22, 8, 125, 50][i] ?? 12;
  });
  ws.getColumn(6).alignment = { wrapText: true, vertical: "top" };
}

/**
 * The copy's path: `<outDir>/<name>.checked.xlsx`, or `<name> (2).checked.xlsx`, … when an
 * earlier file of the same run already took that name (`a/Renja.xlsx` and `b/Renja.xlsx`).
 */
export function annotatedCopyPath(input: string, outDir: string, taken: ReadonlySet<string> = new Set()): string {
  const stem = path.basename(input).replace(/\.xlsx$/i, "");
  for (let n = 1; ; n++) {
    const target = path.resolve(outDir, `${n === 1 ? stem : `${stem} (${n})`}.checked.xlsx`);
    if (!taken.has(target) && target !== path.resolve(input)) return target;
  }
}

/**
 * Reads `input`, writes its annotated copy atomically; returns the path written. A workbook
 * whose copy would lose content (charts, pivots, plain notes …) gets no copy: this throws
 * CopyWouldLoseContentError before anything is written. `taken`
 * holds the paths already written in this run: they are never overwritten, and the new
 * path is added to it.
 */
export async function writeAnnotatedCopy(input: string, outDir: string, findings: Finding[], lang: "id" | "en" = "id", taken: Set<string> = new Set()): Promise<string> {
  const bytes = await fs.readFile(input);
  const lost = partsLostInCopy(bytes);
  if (lost.length > 0) throw new CopyWouldLoseContentError(lost);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  annotateWorkbook(wb, findings, lang);
  await fs.mkdir(outDir, { recursive: true });
  const target = annotatedCopyPath(input, outDir, taken);
  taken.add(target);
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    await wb.xlsx.writeFile(tmp);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  return target;
}

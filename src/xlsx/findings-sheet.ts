/**
 * The findings sheet an annotated copy gains ("Temuan", or "Findings" in English): one
 * row per finding with its severity, rule, sheet, a link to the cell (an internal
 * hyperlink — never a formula built from cell text), the message and the suggestion.
 * Its A1 carries the marker title, so the add-in's *Hapus tanda* and `--clean` find it.
 * Strings are inline, so the workbook's shared strings stay as they were; its two cell
 * formats (bold header, wrapped messages) are appended to styles.xml (./styles-edit.ts).
 */
import { cellAddress } from "../engine/address";
import type { Finding } from "../engine/report";
import { SEVERITY_WORD, findingsSheetTitle, xmlSafe } from "../engine/flag-style";
import { STRICT_MAIN_NS, TRANSITIONAL_MAIN_NS } from "./ooxml";
import { escapeXml } from "./xml";

/** Excel's limit on a cell's text. */
const MAX_CELL_TEXT = 32_767;
const WIDTHS = [5, 11, 28, 22, 8, 110, 50];

const HEAD: Record<"id" | "en", string[]> = {
  id: ["No", "Tingkat", "Aturan", "Lembar", "Sel", "Pesan", "Saran"],
  en: ["No", "Severity", "Rule", "Sheet", "Cell", "Message", "Suggestion"],
};

const NONE: Record<"id" | "en", string> = { id: "Tidak ada temuan.", en: "No findings." };

export function findingsSheetBaseName(lang: "id" | "en"): string {
  return lang === "id" ? "Temuan" : "Findings";
}

/** A sheet name not taken yet (names compare case-insensitively): "Temuan", "Temuan (IKI)", "Temuan (IKI 2)" … */
export function freeSheetName(taken: readonly string[], base: string): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 1; ; i++) {
    const name = i === 1 ? `${base} (IKI)` : `${base} (IKI ${i})`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function textCell(ref: string, text: string, style = 0): string {
  // escapeXml drops what XML cannot carry, as xmlSafe does.
  const t = text.length > MAX_CELL_TEXT ? xmlSafe(text).slice(0, MAX_CELL_TEXT) : text;
  const space = /^\s|\s$|\n/.test(t) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${style ? ` s="${style}"` : ""} t="inlineStr"><is><t${space}>${escapeXml(t)}</t></is></c>`;
}

/** The worksheet part's XML; `styles` are the cell formats of the header and of wrapped text. */
export function findingsSheetXml(findings: readonly Finding[], lang: "id" | "en", strict: boolean, styles: { header: number; wrap: number }): string {
  const rows: string[] = [];
  const links: string[] = [];
  rows.push(`<row r="1">${textCell("A1", findingsSheetTitle(lang), styles.header)}</row>`);
  rows.push(`<row r="2">${HEAD[lang].map((h, i) => textCell(cellAddress(2, i + 1), h, styles.header)).join("")}</row>`);
  if (findings.length === 0) rows.push(`<row r="3">${textCell("A3", NONE[lang])}</row>`);
  findings.forEach((f, i) => {
    const r = i + 3;
    const cells = [
      `<c r="A${r}"><v>${i + 1}</v></c>`,
      textCell(`B${r}`, SEVERITY_WORD[lang][f.severity]),
      textCell(`C${r}`, f.rule),
      textCell(`D${r}`, f.sheet),
      textCell(`E${r}`, f.cell),
      textCell(`F${r}`, f.messages[lang], styles.wrap),
      ...(f.suggestion ? [textCell(`G${r}`, f.suggestion[lang], styles.wrap)] : []),
    ];
    rows.push(`<row r="${r}">${cells.join("")}</row>`);
    links.push(`<hyperlink ref="E${r}" location="${escapeXml(`${quoteSheet(f.sheet)}!${f.cell}`)}" display="${escapeXml(f.cell)}"/>`);
  });
  const cols = WIDTHS.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${strict ? STRICT_MAIN_NS : TRANSITIONAL_MAIN_NS}">` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${cols}</cols>` +
    `<sheetData>${rows.join("")}</sheetData>` +
    (links.length ? `<hyperlinks>${links.join("")}</hyperlinks>` : "") +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    "</worksheet>"
  );
}

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
import { escapeXml, escapeXmlText } from "./xml";

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

const isSpaceCode = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** `<t>…</t>` of a text: escaped, with xml:space when its spaces must survive. Short texts repeat (rules, sheets): memoised. */
const tElements = new Map<string, string>();
function tElement(text: string): string {
  const memo = tElements.get(text);
  if (memo !== undefined) return memo;
  // escapeXml drops what XML cannot carry, as xmlSafe does.
  const t = text.length > MAX_CELL_TEXT ? xmlSafe(text).slice(0, MAX_CELL_TEXT) : text;
  const preserve = t.length > 0 && (isSpaceCode(t.charCodeAt(0)) || isSpaceCode(t.charCodeAt(t.length - 1)) || t.includes("\n"));
  const out = `<t${preserve ? ' xml:space="preserve"' : ""}>${escapeXmlText(t)}</t>`;
  if (text.length <= 64) {
    if (tElements.size > 10_000) tElements.clear();
    tElements.set(text, out);
  }
  return out;
}

function textCell(ref: string, text: string, style = 0): string {
  return `<c r="${ref}"${style ? ` s="${style}"` : ""} t="inlineStr"><is>${tElement(text)}</is></c>`;
}

/**
 * Text gathered into UTF-8 pieces of about a megabyte: the findings sheet of a 50,000-row
 * workbook is 60 MB of XML, which is never one string.
 */
class Pieces {
  private static readonly SIZE = 1 << 20;
  private readonly done: Buffer[] = [];
  private current = Buffer.allocUnsafe(Pieces.SIZE);
  private used = 0;

  push(text: string): void {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
    if (this.used + text.length * 3 > this.current.length) {
      this.cut();
      if (text.length * 3 > this.current.length) this.current = Buffer.allocUnsafe(text.length * 3);
    }
    this.used += this.current.write(text, this.used, "utf8");
  }

  private cut(): void {
    if (this.used > 0) this.done.push(this.current.subarray(0, this.used));
    this.current = Buffer.allocUnsafe(Pieces.SIZE);
    this.used = 0;
  }

  buffers(): Buffer[] {
    this.cut();
    return this.done;
  }
}

/** The worksheet part's XML, in UTF-8 pieces; `styles` are the cell formats of the header and of wrapped text. */
export function findingsSheetXml(findings: readonly Finding[], lang: "id" | "en", strict: boolean, styles: { header: number; wrap: number }): Buffer[] {
  const rows = new Pieces();
  const links = new Pieces();
  rows.push(`<row r="1">${textCell("A1", findingsSheetTitle(lang), styles.header)}</row>`);
  rows.push(`<row r="2">${HEAD[lang].map((h, i) => textCell(cellAddress(2, i + 1), h, styles.header)).join("")}</row>`);
  if (findings.length === 0) rows.push(`<row r="3">${textCell("A3", NONE[lang])}</row>`);
  const sheetRefs = new Map<string, string>();
  findings.forEach((f, i) => {
    const r = i + 3;
    rows.push(
      `<row r="${r}"><c r="A${r}"><v>${i + 1}</v></c>` +
        textCell(`B${r}`, SEVERITY_WORD[lang][f.severity]) +
        textCell(`C${r}`, f.rule) +
        textCell(`D${r}`, f.sheet) +
        textCell(`E${r}`, f.cell) +
        textCell(`F${r}`, f.messages[lang], styles.wrap) +
        (f.suggestion ? textCell(`G${r}`, f.suggestion[lang], styles.wrap) : "") +
        "</row>",
    );
    let sheetRef = sheetRefs.get(f.sheet);
    if (sheetRef === undefined) sheetRefs.set(f.sheet, (sheetRef = escapeXml(quoteSheet(f.sheet))));
    links.push(`<hyperlink ref="E${r}" location="${sheetRef}!${f.cell}" display="${f.cell}"/>`);
  });
  const cols = WIDTHS.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${strict ? STRICT_MAIN_NS : TRANSITIONAL_MAIN_NS}">` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${cols}</cols><sheetData>`;
  const tail = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
  const parts = [Buffer.from(head, "utf8"), ...rows.buffers(), Buffer.from("</sheetData>", "utf8")];
  if (findings.length > 0) parts.push(Buffer.from("<hyperlinks>", "utf8"), ...links.buffers(), Buffer.from("</hyperlinks>", "utf8"));
  parts.push(Buffer.from(tail, "utf8"));
  return parts;
}

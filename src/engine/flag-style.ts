/**
 * The one dialect of the checker's flags in a workbook, shared by the add-in's live flags
 * (src/office/decorations.ts) and the CLI's annotated copies (src/xlsx/annotate.ts): a
 * copy opened with the add-in holds exactly what the add-in would write, and *Hapus
 * tanda* or `iki-check --clean` find and remove it by the same markers.
 *
 * - A flagged cell's colour is a conditional format whose formula is always true and
 *   names the checker, the severity and a hash of the cells it covers:
 *   `="IKI Checker:error:1x2y3z"="IKI Checker:error:1x2y3z"`. Cells are grouped per
 *   worst severity, in chunks of `CELLS_PER_FORMAT`, so an unchanged group is kept.
 * - A note of ours starts with the line `[IKI Checker K14]`, naming the cell it was
 *   written for; the findings follow, one line each. A user's note is never changed: a
 *   cell holding one gets the colour only.
 * - The findings sheet of a copy starts with `IKI Checker — daftar temuan` in A1.
 */
import type { Severity } from "./rules";
import { parseCellAddress } from "./address";

export const FLAG_MARKER = "IKI Checker";

/** Fill and font colour per severity, `#RRGGBB` (Excel's "Bad", "Neutral" and a light blue). */
export const FLAG_COLOURS: Record<Severity, { fill: string; font: string }> = {
  error: { fill: "#FFC7CE", font: "#9C0006" },
  warning: { fill: "#FFEB9C", font: "#9C5700" },
  info: { fill: "#DDEBF7", font: "#1F4E78" },
};

export const SEVERITY_WORD: Record<"id" | "en", Record<Severity, string>> = {
  id: { error: "Galat", warning: "Peringatan", info: "Info" },
  en: { error: "Error", warning: "Warning", info: "Info" },
};

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function worstSeverity(list: readonly { severity: Severity }[]): Severity {
  return list.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] ? b : a)).severity;
}

/** XML 1.0 cannot carry most control characters; cell text quoted in messages may hold them. */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, "");
}

// --- Conditional formats ---------------------------------------------------------------

/** Cells per conditional format: address strings stay far below getRanges' 8192 characters. */
export const CELLS_PER_FORMAT = 200;

/** The marker formula as Office.js shows it (with `=`); OOXML stores it without. */
export function markerFormula(severity: Severity, hash: string): string {
  const tag = `"${FLAG_MARKER}:${severity}:${hash}"`;
  return `=${tag}=${tag}`;
}

const MARKER_FORMULA = /^=?"IKI Checker:(error|warning|info):([0-9a-z]+)"="IKI Checker:\1:\2"$/;

/** Reads a marker formula back (with or without `=`, XML-unescaped); null when the format is not ours. */
export function parseMarkerFormula(formula: string | null | undefined): { severity: Severity; hash: string } | null {
  const m = MARKER_FORMULA.exec((formula ?? "").trim());
  return m ? { severity: m[1] as Severity, hash: m[2] } : null;
}

/** FNV-1a, base 36: short, stable, enough to tell two cell sets apart. */
export function hashCells(cells: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of cells.join(",")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export interface FormatGroup {
  severity: Severity;
  /** A1 addresses, in row-then-column order. */
  cells: string[];
  hash: string;
}

// --- Notes -------------------------------------------------------------------------------

export function noteHeader(cell: string): string {
  return `[${FLAG_MARKER} ${cell}]`;
}

/** The cell an add-in note was written for, or null for a user's note. */
export function parseNoteCell(content: string): string | null {
  const m = /^\[IKI Checker ([A-Z]{1,3}[0-9]+)\]/.exec(content);
  return m ? m[1] : null;
}

export function isOurNote(content: string): boolean {
  return parseNoteCell(content) !== null;
}

interface FlaggedFinding {
  severity: Severity;
  rule: string;
  messages: { id: string; en: string };
  suggestion: { id: string; en: string } | null;
}

/** `Galat capaian-mismatch: <message> <suggestion>`, safe for a note. */
export function findingLine(f: FlaggedFinding, lang: "id" | "en"): string {
  return xmlSafe(`${SEVERITY_WORD[lang][f.severity]} ${f.rule}: ${f.messages[lang]}${f.suggestion ? ` ${f.suggestion[lang]}` : ""}`);
}

export function noteContent(cell: string, findings: readonly FlaggedFinding[], lang: "id" | "en"): string {
  return [noteHeader(cell), ...findings.map((f) => findingLine(f, lang))].join("\n");
}

// --- The plan of one sheet ----------------------------------------------------------------

/**
 * Notes per sheet at most. Thousands of notes make a sheet slow to open and scroll, cost
 * Office round trips, and say nothing the findings list does not: past the cap a flagged
 * cell keeps its colour and its messages are in the pane's Temuan view (the copy's Temuan
 * sheet). Errors get their notes first, then warnings, then info, each top to bottom.
 */
export const NOTES_PER_SHEET = 1000;

export interface SheetFlags {
  /** Conditional formats wanted: cells grouped by their worst severity, in chunks. */
  formats: FormatGroup[];
  /** Note text wanted per cell (at most `NOTES_PER_SHEET`). */
  notes: Map<string, string>;
  /** Flagged cells left without a note by the cap, in the order notes are given. */
  beyondNoteCap: string[];
}

function byPosition(a: string, b: string): number {
  const x = parseCellAddress(a);
  const y = parseCellAddress(b);
  return x.row - y.row || x.col - y.col;
}

/** What one sheet's flags should look like for these findings (of that sheet). */
export function planFlags(
  findings: readonly (FlaggedFinding & { cell: string })[],
  lang: "id" | "en",
  noteCap: number = NOTES_PER_SHEET,
): SheetFlags {
  const byCell = new Map<string, FlaggedFinding[]>();
  for (const f of findings) {
    const list = byCell.get(f.cell);
    if (list) list.push(f);
    else byCell.set(f.cell, [f]);
  }
  const cellsBySeverity: Record<Severity, string[]> = { error: [], warning: [], info: [] };
  for (const [cell, list] of byCell) cellsBySeverity[worstSeverity(list)].push(cell);
  const formats: FormatGroup[] = [];
  const notes = new Map<string, string>();
  const beyondNoteCap: string[] = [];
  for (const severity of SEVERITIES) {
    const cells = cellsBySeverity[severity].sort(byPosition);
    for (let i = 0; i < cells.length; i += CELLS_PER_FORMAT) {
      const chunk = cells.slice(i, i + CELLS_PER_FORMAT);
      formats.push({ severity, cells: chunk, hash: hashCells(chunk) });
    }
    for (const cell of cells) {
      if (notes.size < noteCap) notes.set(cell, noteContent(cell, byCell.get(cell)!, lang));
      else beyondNoteCap.push(cell);
    }
  }
  return { formats, notes, beyondNoteCap };
}

// --- The findings sheet of a copy -----------------------------------------------------------

/** A1 of the findings sheet an annotated copy gains: how it is found again. */
export function findingsSheetTitle(lang: "id" | "en"): string {
  return `${FLAG_MARKER} — ${lang === "id" ? "daftar temuan" : "findings"}`;
}

export function isFindingsSheetTitle(text: unknown): boolean {
  return text === findingsSheetTitle("id") || text === findingsSheetTitle("en");
}

/**
 * How findings look where they are flagged in a workbook: the add-in's live flags
 * (src/office/decorations.ts) and the CLI's annotated copies (src/xlsx/annotate.ts) share
 * the marker that identifies everything the checker wrote, the colours per severity, the
 * severity words, and the one-line text of a finding in a note.
 */
import type { Severity } from "./rules";

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

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function worstSeverity(list: readonly { severity: Severity }[]): Severity {
  return list.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] ? b : a)).severity;
}

/** XML 1.0 cannot carry most control characters; cell text quoted in messages may hold them. */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, "");
}

interface FlaggedFinding {
  severity: Severity;
  rule: string;
  messages: { id: string; en: string };
  suggestion: { id: string; en: string } | null;
}

/** `Galat capaian-mismatch: <message> <suggestion>`, safe for a note. */
export function findingLine(f: FlaggedFinding, lang: "id" | "en", severityWord: string = SEVERITY_WORD[lang][f.severity]): string {
  return xmlSafe(`${severityWord} ${f.rule}: ${f.messages[lang]}${f.suggestion ? ` ${f.suggestion[lang]}` : ""}`);
}

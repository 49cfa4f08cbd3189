/**
 * Numbers as Indonesian offices type them: decimal comma and thousands dot
 * (`1.234.567,50`, `3,01`), English forms (`82.53`, `1,234.5`), percent forms (`80%`,
 * `80 %`, `80 persen`), numbers stored as text (`'85`), number words (`tiga`, `nihil`)
 * and dashes. A lone dot before three digits (`2.991`) is ambiguous: both readings are
 * returned and the caller decides by scale or number format.
 */
import { displayText } from "../text";

export interface ParsedNumber {
  /** The reading chosen when unambiguous; for an ambiguous text, the decimal reading. */
  value: number;
  /** Written as a percentage (`80%`, `80 persen`): value is 80, not 0.8. */
  percent: boolean;
  /** Other readings of the same text (`2.991` → 2991). Empty when unambiguous. */
  alternatives: number[];
  /** Came from a word (`tiga`, `nihil`) rather than digits. */
  fromWord: boolean;
  /** Text after the number that is not part of it (`dokumen` in `4 dokumen`). */
  rest: string;
}

const WORDS: Record<string, number> = {
  nol: 0,
  nihil: 0,
  kosong: 0,
  satu: 1,
  dua: 2,
  tiga: 3,
  empat: 4,
  lima: 5,
  enam: 6,
  tujuh: 7,
  delapan: 8,
  sembilan: 9,
  sepuluh: 10,
  sebelas: 11,
  seratus: 100,
};

/** `1.234.567,50`, `1,234,567.50`, `3,01`, `82.53`, `2.991`, `-4`, `+3`. */
const NUMERIC = /^([+-]?)(\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|[.,]\d+)/;

function readDigits(raw: string): { value: number; alternatives: number[] } | null {
  const dots = (raw.match(/\./g) ?? []).length;
  const commas = (raw.match(/,/g) ?? []).length;
  const digits = (s: string): number => Number(s);
  if (dots === 0 && commas === 0) return { value: digits(raw), alternatives: [] };
  if (dots > 0 && commas > 0) {
    // Both: the last one is the decimal separator.
    const decimalIsComma = raw.lastIndexOf(",") > raw.lastIndexOf(".");
    const normal = decimalIsComma ? raw.replace(/\./g, "").replace(",", ".") : raw.replace(/,/g, "");
    return { value: digits(normal), alternatives: [] };
  }
  const sep = dots > 0 ? "." : ",";
  const count = dots + commas;
  const [, after] = raw.split(sep);
  if (count > 1) {
    // Repeated separator: thousands grouping (1.234.567 / 1,234,567).
    return { value: digits(raw.split(sep).join("")), alternatives: [] };
  }
  if (after.length !== 3) {
    // One separator not followed by exactly three digits: a decimal point or comma.
    return { value: digits(raw.replace(sep, ".")), alternatives: [] };
  }
  // `2.991` / `2,991`: decimal in one convention, thousands in the other.
  const decimal = digits(raw.replace(sep, "."));
  const thousands = digits(raw.replace(sep, ""));
  if (/^0[.,]/.test(raw)) return { value: decimal, alternatives: [] };
  return { value: decimal, alternatives: [thousands] };
}

export function parseNumber(text: string): ParsedNumber | null {
  // `'85`, `Rp 1.250.000`, `Rp. 1.250.000,-`, a typographic minus (`−2`).
  let t = displayText(text)
    .replace(/^'/, "")
    .replace(/^rp\.?\s*/i, "")
    .replace(/^[\u2212\u2013](?=\d)/, "-")
    .replace(/(\d)[.,]-$/, "$1");
  if (t === "") return null;
  const word = /^([a-z]+)\b\s*(.*)$/i.exec(t);
  if (word && WORDS[word[1].toLowerCase()] !== undefined) {
    const rest = word[2];
    // `dua belas`, `tiga puluh`: compounds are not read (better unread than read as 2 or 3).
    if (/^(belas|puluh|ratus|ribu|juta)\b/i.test(rest)) return null;
    const percent = /^(%|persen)/i.test(rest);
    return { value: WORDS[word[1].toLowerCase()], percent, alternatives: [], fromWord: true, rest: rest.replace(/^(%|persen)\s*/i, "") };
  }
  t = t.replace(/\s+(?=[.,]\d)/, "");
  const m = NUMERIC.exec(t);
  if (!m) return null;
  const read = readDigits(m[2].startsWith(".") || m[2].startsWith(",") ? `0${m[2]}` : m[2]);
  if (!read || !Number.isFinite(read.value)) return null;
  const sign = m[1] === "-" ? -1 : 1;
  let rest = t.slice(m[0].length).trim();
  const percent = /^(%|persen\b|prosen\b)/i.test(rest);
  if (percent) rest = rest.replace(/^(%|persen|prosen)\s*/i, "");
  return {
    value: sign * read.value,
    percent,
    alternatives: read.alternatives.map((a) => sign * a),
    fromWord: false,
    rest,
  };
}

/** A fraction shown as a percentage (0.07 → 7), without floating-point noise. */
export function percentOf(fraction: number): number {
  return Math.round(fraction * 100 * 1e9) / 1e9;
}

/** A number written in a formula: `1.000` and `100.000` are thousands there (per 1.000 penduduk). */
export function formulaNumber(text: string): number | null {
  const n = parseNumber(text);
  if (!n || n.rest !== "" || n.fromWord) return null;
  return n.alternatives.length > 0 && /\./.test(text) ? n.alternatives[0] : n.value;
}

/** True when the number format shows decimals (`0.00`, `#,##0.000`, `0.0%`). */
export function formatHasDecimals(numberFormat: string | null | undefined): boolean {
  if (!numberFormat) return false;
  return /0\.0/.test(numberFormat.replace(/"[^"]*"/g, ""));
}

export function formatIsPercent(numberFormat: string | null | undefined): boolean {
  return !!numberFormat && /%/.test(numberFormat.replace(/"[^"]*"/g, ""));
}

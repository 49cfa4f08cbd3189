/**
 * What a formula text is when it computes nothing (FORMULAS.md in test/fixtures/expected
 * gives the precedence): a count of something, a restatement of the indicator, a
 * deadline criterion, an external assessment, or a description.
 */
import { displayText, editDistance } from "../text";
import { COUNT_WORD, TIMELINESS } from "../vocab";

export type NonComputingClass = "empty" | "count" | "restated" | "timeliness" | "external" | "description";

const BARE_WORDS = /^(persen|persentase|prosentase|nilai|jumlah nilai|jumlah poin|poin|skor)$/i;
/** `Jumlah` and the typos the seeds have of it (`Jumah`, `Jumlh`, `JUmlah`). */
const COUNT_PREFIX = new RegExp(`^(?:\\d+\\s+)?(${COUNT_WORD}|penjumlahan(?:\\s+semua)?|total)\\s+(.+)$`, "i");
const COUNT_NOUN = /^(?:\d+\s+)?(dokumen|laporan|data)\b/i;

const EXTERNAL =
  /^hasil\s+(evaluasi|penilaian|survei|survey|pemeriksaan|audit)|^penilaian\b|penilaian\s+mandiri|berdasarkan\s+hasil|hasil\s+(survei|survey)|\baplikasi\b|\blhe\b|oleh\s+(kasn|inspektorat|bpk|apip|kemenpan|ombudsman)|\bdari\s+kementerian|ku[ie]s[ie]?s?ioner|\bsurvei\b|\bsurvey\b/i;

/** An assessment named at the start (`Hasil Penilaian …`, `Penilaian …`, typo `Perilaihan …`). */
function startsWithAssessment(words: string[]): boolean {
  const [w0, w1] = words;
  if (!w0) return false;
  if (w0 === "hasil" && /^(penilaian|evaluasi)$/.test(w1 ?? "")) return true;
  return sameWord(w0, "penilaian");
}

export interface Classification {
  cls: NonComputingClass;
  /** For a count: what is counted, as written. */
  object?: string;
}

function words(text: string): string[] {
  return displayText(text)
    .toLowerCase()
    .split(/[^a-z0-9à-ÿ]+/)
    .filter(Boolean);
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  return a.length >= 5 && b.length >= 5 && editDistance(a, b) <= 2;
}

/**
 * The formula is the indicator name again: the same words up to typos, with at most two
 * words dropped or added on either side, and most of the words shared.
 */
export function restatesName(formula: string, name: string): boolean {
  const f = words(formula);
  const n = words(name);
  if (f.length === 0 || n.length === 0) return false;
  // Names and formulas are a sentence at most: longer text cannot restate one (and the word
  // matching below is quadratic).
  if (f.length > 60 || n.length > 60) return false;
  // Split words (`tand a` for `tanda`): compare the letters alone, one inside the other.
  const fl = f.join("");
  const nl = n.join("");
  const [short, long] = fl.length <= nl.length ? [fl, nl] : [nl, fl];
  if (short.length >= 12 && long.includes(short) && long.length - short.length <= 14) return true;
  const used = new Set<number>();
  let matched = 0;
  for (const w of f) {
    const k = n.findIndex((x, idx) => !used.has(idx) && sameWord(w, x));
    if (k >= 0) {
      used.add(k);
      matched++;
    }
  }
  const extraF = f.length - matched;
  const extraN = n.length - matched;
  // A swapped word is one change: the larger side's extra words count.
  return Math.max(extraF, extraN) <= 2 && matched / Math.max(f.length, n.length) >= 0.6;
}

export function classifyText(text: string, indicatorName: string): Classification {
  const t = displayText(text).replace(/^(?:formula|formulasi|penjelasan|keterangan|ket|rumus)\s*[:=]\s*/i, "");
  if (t === "") return { cls: "empty" };
  if (BARE_WORDS.test(t.replace(/[.:]+$/, ""))) return { cls: "restated" };
  const count = COUNT_PREFIX.exec(t);
  if (count) return { cls: "count", object: count[2].replace(/[\s.,:;]+$/, "") };
  if (COUNT_NOUN.test(t)) return { cls: "count", object: t.replace(/^\d+\s+/, "").replace(/[\s.,:;]+$/, "") };
  // `Penilaian X` for the indicator `Nilai X` says who assesses: external, not a restatement.
  const fw = words(t);
  if (startsWithAssessment(fw) && !startsWithAssessment(words(indicatorName))) return { cls: "external" };
  if (indicatorName && restatesName(t, indicatorName)) return { cls: "restated" };
  if (TIMELINESS.test(t)) return { cls: "timeliness" };
  if (EXTERNAL.test(t)) return { cls: "external" };
  return { cls: "description" };
}

/** Period labels in headers: quarters, semesters, months, years, running totals. */

const ROMAN: Record<string, string> = {
  "1": "I", "2": "II", "3": "III", "4": "IV", i: "I", ii: "II", iii: "III", iv: "IV",
  pertama: "I", kedua: "II", ketiga: "III", keempat: "IV", satu: "I", dua: "II", tiga: "III", empat: "IV",
};
/** The ordinal after TW / Triwulan / Semester: `I`, `1`, `ke-1`, `ke III`, `pertama` … */
const ORD = "(?:ke[\\s-]?)?(iv|i{1,3}|[1-4]|pertama|kedua|ketiga|keempat)";

/**
 * Month spellings officers type as headers, by month: Indonesian and English full names,
 * their abbreviations (`Agu`/`Agt`/`Ags`/`Aug`, `Sep`/`Sept`, `Okt`/`Oct`, `Des`/`Dec`) and the
 * older spellings (`Pebruari`, `Nopember`). A trailing dot (`Jan.`) is allowed.
 */
const MONTH_SPELLINGS: readonly (readonly string[])[] = [
  ["januari", "january", "jan"],
  ["februari", "pebruari", "february", "feb", "peb", "febr"],
  ["maret", "march", "mar", "mrt"],
  ["april", "apr"],
  ["mei", "may"],
  ["juni", "june", "jun"],
  ["juli", "july", "jul"],
  ["agustus", "august", "agu", "agt", "ags", "agus", "aug"],
  ["september", "sept", "sep"],
  ["oktober", "october", "okt", "oct"],
  ["november", "nopember", "nov", "nop"],
  ["desember", "december", "des", "dec"],
];

const MONTH_WORD = new Map<string, number>();
MONTH_SPELLINGS.forEach((words, i) => words.forEach((w) => MONTH_WORD.set(w, i + 1)));
const MONTH_ALTERNATION = [...MONTH_WORD.keys()].sort((a, b) => b.length - a.length).join("|");
/** A month word anywhere in a header (`Realisasi Jan`, `Januari 2024`, `s.d. Maret`). */
const MONTH_RE = new RegExp(`\\b(${MONTH_ALTERNATION})\\b\\.?`);
/** A month word with an optional year after it (`Jan-24`, `Jan '24`, `Januari 2024`). */
const MONTH_RE_ALL = new RegExp(`\\b(?:${MONTH_ALTERNATION})\\b\\.?(?:[\\s'/-]*\\d{2}(?:\\d{2})?\\b)?`, "g");
/** `Bulan 3`, `Bulan ke-3`, `Bln 3`, `Bulan-3`. */
const MONTH_NUMBER = /\b(?:bulan|bln)\s*[.-]?\s*(?:ke[\s-]?)?(\d{1,2})\b/;
const MONTH_NUMBER_ALL = /\b(?:bulan|bln)\s*[.-]?\s*(?:ke[\s-]?)?\d{1,2}\b/g;
const TW_RE = new RegExp(`\\b(?:tw|trw|triwulan|tri wulan|kuartal)\\s*[.-]?\\s*${ORD}\\b`);
const TW_RE_ALL = new RegExp(`\\b(?:tw|trw|triwulan|tri wulan|kuartal)\\s*[.-]?\\s*${ORD}\\b`, "g");
const SEM_RE = /\bsemester\s*[.-]?\s*(?:ke[\s-]?)?(ii|i|[12]|pertama|kedua|satu|dua)\b/;
const SEM_RE_ALL = /\bsemester\s*[.-]?\s*(?:ke[\s-]?)?(?:ii|i|[12]|pertama|kedua|satu|dua)\b/g;

/** The month (1–12) a single word names (`jan`, `Agt.`, `Nopember`), or null. */
export function monthOfWord(word: string): number | null {
  return MONTH_WORD.get(word.toLowerCase().replace(/\.$/, "")) ?? null;
}

export interface PeriodLabel {
  /** Normalised key: `TW I`…`TW IV`, `Semester I`/`II`, `Bulan 1`…`Bulan 12`, a year such as `2023`, or `Tahunan`. */
  key: string;
  runningTotal: boolean;
}

/** Running totals: `s.d.`, `s/d`, `sampai dengan`, `kumulatif` — not `non kumulatif`. */
const RUNNING = /\bs\s*\.?\s*\/?\s*d\b\.?|\bsampai dengan\b|(?<!non[\s-]?)\bk[ou]mulatif\b/;
const RUNNING_ALL = /\bs\s*\.?\s*\/?\s*d\b\.?|\bsampai dengan\b|(?<!non[\s-]?)\bk[ou]mulatif\b/g;

export function isRunningTotal(text: string): boolean {
  return RUNNING.test(text);
}

/** Finds the period a (normalised, lower-case) header text refers to, if any. */
export function parsePeriod(text: string): PeriodLabel | null {
  const runningTotal = RUNNING.test(text);
  const tw = TW_RE.exec(text);
  if (tw) return { key: `TW ${ROMAN[tw[1]]}`, runningTotal };
  const sem = SEM_RE.exec(text);
  if (sem) return { key: `Semester ${ROMAN[sem[1]]}`, runningTotal };
  const month = MONTH_NUMBER.exec(text);
  if (month && Number(month[1]) >= 1 && Number(month[1]) <= 12) return { key: `Bulan ${Number(month[1])}`, runningTotal };
  const monthName = MONTH_RE.exec(text);
  if (monthName && !/\btahun\b/.test(text)) return { key: `Bulan ${MONTH_WORD.get(monthName[1])}`, runningTotal };
  const year = /\b(20\d{2}|19\d{2})\b/.exec(text);
  if (year) return { key: year[1], runningTotal };
  if (/\btahunan\b|\btahun\b|\bannual\b/.test(text)) return { key: "Tahunan", runningTotal };
  return null;
}

/** True when the text is nothing but a period label (`TW I`, `Tahun 2021`, `s.d. TW II`, `Jan`, `Triwulan I (Jan–Mar)`). */
export function isPeriodOnly(text: string): boolean {
  const rest = text
    .replace(RUNNING_ALL, " ")
    .replace(TW_RE_ALL, " ")
    .replace(SEM_RE_ALL, " ")
    .replace(MONTH_NUMBER_ALL, " ")
    .replace(MONTH_RE_ALL, " ")
    .replace(/\b(tahun|th\.?)\s*(20\d{2})\b|\b20\d{2}\b|'\d{2}\b/g, " ")
    .replace(/[().,:%\-–—/]/g, " ")
    .trim();
  return rest === "" && parsePeriod(text) !== null;
}

/** Period labels in headers: quarters, semesters, months, years, running totals. */
import { MONTH_NAMES } from "../vocab";

const ROMAN: Record<string, string> = {
  "1": "I", "2": "II", "3": "III", "4": "IV", i: "I", ii: "II", iii: "III", iv: "IV",
  pertama: "I", kedua: "II", ketiga: "III", keempat: "IV", satu: "I", dua: "II", tiga: "III", empat: "IV",
};
/** The ordinal after TW / Triwulan / Semester: `I`, `1`, `ke-1`, `ke III`, `pertama` … */
const ORD = "(?:ke[\\s-]?)?(iv|i{1,3}|[1-4]|pertama|kedua|ketiga|keempat)";
const MONTHS = MONTH_NAMES;

export interface PeriodLabel {
  /** Normalised key: `TW I`…`TW IV`, `Semester I`/`II`, `Bulan 1`…`Bulan 12`, a year such as `2023`, or `Tahunan`. */
  key: string;
  runningTotal: boolean;
}

/** Running totals: `s.d.`, `s/d`, `sampai dengan`, `kumulatif` — not `non kumulatif`. */
const RUNNING = /\bs\s*\.?\s*\/?\s*d\b\.?|\bsampai dengan\b|(?<!non[\s-]?)\bk[ou]mulatif\b/;

export function isRunningTotal(text: string): boolean {
  return RUNNING.test(text);
}

/** Finds the period a (normalised, lower-case) header text refers to, if any. */
export function parsePeriod(text: string): PeriodLabel | null {
  const runningTotal = RUNNING.test(text);
  const tw = new RegExp(`\\b(?:tw|trw|triwulan|tri wulan|kuartal)\\s*[.-]?\\s*${ORD}\\b`).exec(text);
  if (tw) return { key: `TW ${ROMAN[tw[1]]}`, runningTotal };
  const sem = new RegExp(`\\bsemester\\s*[.-]?\\s*(?:ke[\\s-]?)?(ii|i|[12]|pertama|kedua|satu|dua)\\b`).exec(text);
  if (sem) return { key: `Semester ${ROMAN[sem[1]]}`, runningTotal };
  const month = /\bbulan\s*[.-]?\s*(\d{1,2})\b/.exec(text);
  if (month && Number(month[1]) >= 1 && Number(month[1]) <= 12) return { key: `Bulan ${Number(month[1])}`, runningTotal };
  const monthName = MONTHS.findIndex((m) => new RegExp(`\\b${m}\\b`).test(text));
  if (monthName >= 0 && !/\btahun\b/.test(text)) return { key: `Bulan ${monthName + 1}`, runningTotal };
  const year = /\b(20\d{2}|19\d{2})\b/.exec(text);
  if (year) return { key: year[1], runningTotal };
  if (/\btahunan\b|\btahun\b|\bannual\b/.test(text)) return { key: "Tahunan", runningTotal };
  return null;
}

/** True when the text is nothing but a period label (`TW I`, `Tahun 2021`, `s.d. TW II`). */
export function isPeriodOnly(text: string): boolean {
  const rest = text
    .replace(RUNNING, " ")
    .replace(new RegExp(`\\b(?:tw|trw|triwulan|tri wulan|kuartal)\\s*[.-]?\\s*${ORD}\\b`), " ")
    .replace(/\bsemester\s*[.-]?\s*(?:ke[\s-]?)?(ii|i|[12]|pertama|kedua|satu|dua)\b/, " ")
    .replace(/\bbulan\s*[.-]?\s*\d{1,2}\b/, " ")
    .replace(new RegExp(`\\b(${MONTHS.join("|")})\\b`), " ")
    .replace(/\b(tahun|th\.?)\s*(20\d{2})\b|\b20\d{2}\b/, " ")
    .replace(/[().,:%\-/]/g, " ")
    .trim();
  return rest === "" && parsePeriod(text) !== null;
}

/** Period labels in headers: quarters, semesters, months, years, running totals. */

const ROMAN: Record<string, string> = { "1": "I", "2": "II", "3": "III", "4": "IV", i: "I", ii: "II", iii: "III", iv: "IV" };
const MONTHS = ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember"];

export interface PeriodLabel {
  /** Normalised key: `TW I`…`TW IV`, `Semester I`/`II`, `Bulan 1`…`Bulan 12`, a year such as `2023`, or `Tahunan`. */
  key: string;
  runningTotal: boolean;
}

const RUNNING = /\bs\s*\.?\s*\/?\s*d\b\.?|\bsampai dengan\b|\bkumulatif\b|\bkomulatif\b/;

/** Finds the period a (normalised, lower-case) header text refers to, if any. */
export function parsePeriod(text: string): PeriodLabel | null {
  const runningTotal = RUNNING.test(text);
  const tw = /\b(?:tw|trw|triwulan|tri wulan|kuartal)\s*[.-]?\s*(iv|i{1,3}|[1-4])\b/.exec(text);
  if (tw) return { key: `TW ${ROMAN[tw[1]]}`, runningTotal };
  const sem = /\bsemester\s*[.-]?\s*(ii|i|[12])\b/.exec(text);
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
    .replace(/\b(?:tw|trw|triwulan|tri wulan|kuartal)\s*[.-]?\s*(iv|i{1,3}|[1-4])\b/, " ")
    .replace(/\bsemester\s*[.-]?\s*(ii|i|[12])\b/, " ")
    .replace(/\bbulan\s*[.-]?\s*\d{1,2}\b/, " ")
    .replace(new RegExp(`\\b(${MONTHS.join("|")})\\b`), " ")
    .replace(/\b(tahun|th\.?)\s*(20\d{2})\b|\b20\d{2}\b/, " ")
    .replace(/[().,:%\-/]/g, " ")
    .trim();
  return rest === "" && parsePeriod(text) !== null;
}

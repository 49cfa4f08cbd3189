/**
 * Indonesian words the recognisers share, defined once: month names, the deadline
 * wording of timeliness indicators, the spellings of `Jumlah`, and the stray row number
 * that slides into cells from a column-number row.
 */

export const MONTH_NAMES = [
  "januari", "februari", "maret", "april", "mei", "juni",
  "juli", "agustus", "september", "oktober", "november", "desember",
] as const;

export const MONTHS = MONTH_NAMES.join("|");

/** Deadline wording: `Ketepatan waktu …`, `… tepat waktu`, `paling lambat …`, `per 31 Maret`. */
export const TIMELINESS = new RegExp(
  `ketepatan\\s*waktu|tepat\\s*waktu|paling\\s+lambat|per\\s*tanggal|maksimal\\s+\\d+\\s+(?:hari|bulan|minggu)|batas\\s+waktu|\\bper\\s+\\d{1,2}\\s+(?:${MONTHS})\\b`,
  "i",
);

/** `Jumlah` and the typos the seeds have of it (`Jumah`, `Jumlh`, `JUmlah`), and its synonyms. */
export const COUNT_WORD = "jumlah|jumah|jumlh|jmlh|banyaknya";

/** A row number that slid into a cell from the column-number row (`17 Jumlah …`). */
export const STRAY_ROW_NUMBER = /^\s*\d{1,3}\s+(?=[A-Za-z])/;

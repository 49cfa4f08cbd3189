import type { Rule, RawFinding } from "./types";
import { q, text } from "./helpers";

/**
 * A realisation cell with text that is not a number (a word, other text, an error value, a
 * date). Nothing is computed with it: when the year to date needs the cell, the message says
 * the capaian is not computed. A number stored as text is `number-stored-as-text`'s (info).
 */
export const realisasiNotNumeric: Rule = {
  meta: {
    id: "realisasi-not-numeric",
    severity: "error",
    category: "measurement",
    description: text("Realisasi berisi teks, bukan angka.", "A realisation holds text, not a number."),
    docs: "docs/rules/realisasi-not-numeric.md",
  },
  check({ evaluated }) {
    return evaluated.indicators.flatMap((ind) => {
      const blocked = ind.measurement.capaian.reason === "unreadable-realisation";
      const tail = blocked
        ? { id: " Capaian tahun berjalan tidak dihitung sampai sel ini berisi angka.", en: " The year-to-date capaian is not computed until this cell holds a number." }
        : { id: "", en: "" };
      return ind.measurement.periods.flatMap((p): RawFinding[] => {
        const r = p.reading;
        if (!r || p.col === null) return [];
        const at = { row: ind.typed.row.row, col: p.col, indicatorRow: ind.typed.row.row };
        if (r.status === "word") {
          return [{ ...at, message: text(`Realisasi ${p.period} ${q(r.text)} berupa kata, bukan angka; tidak ikut dihitung.${tail.id}`, `The ${p.period} realisation ${q(r.text)} is a word, not a number; it is left out.${tail.en}`), suggestion: text(`Ketik ${r.wordValue}.`, `Type ${r.wordValue}.`) }];
        }
        if (r.status === "date") {
          return [{ ...at, message: text(`Realisasi ${p.period} berformat tanggal, bukan angka.${tail.id}`, `The ${p.period} realisation is formatted as a date, not a number.${tail.en}`), suggestion: text("Ubah format sel menjadi angka.", "Format the cell as a number.") }];
        }
        if (r.status === "not-numeric" || r.status === "error") {
          return [{ ...at, message: text(`Realisasi ${p.period} ${q(r.text)} bukan angka.${tail.id}`, `The ${p.period} realisation ${q(r.text)} is not a number.${tail.en}`) }];
        }
        return [];
      });
    });
  },
};

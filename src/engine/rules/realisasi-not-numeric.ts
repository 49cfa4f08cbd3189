import type { Rule, RawFinding } from "./types";
import { fmtId, q, text } from "./helpers";

/** A realisation cell with text that is not a number; a number stored as text is info. */
export const realisasiNotNumeric: Rule = {
  meta: {
    id: "realisasi-not-numeric",
    severity: "error",
    category: "measurement",
    description: text("Realisasi berisi teks, bukan angka.", "A realisation holds text, not a number."),
    docs: "docs/rules/realisasi-not-numeric.md",
  },
  check({ evaluated }) {
    return evaluated.indicators.flatMap((ind) =>
      ind.measurement.periods.flatMap((p): RawFinding[] => {
        const r = p.reading;
        if (!r || p.col === null) return [];
        const at = { row: ind.typed.row.row, col: p.col, indicatorRow: ind.typed.row.row };
        if (r.status === "word") {
          return [{ ...at, message: text(`Realisasi ${p.period} ${q(r.text)} berupa kata, bukan angka; tidak ikut dihitung.`, `The ${p.period} realisation ${q(r.text)} is a word, not a number; it is left out.`), suggestion: text(`Ketik ${r.wordValue}.`, `Type ${r.wordValue}.`) }];
        }
        if (r.status === "date") {
          return [{ ...at, message: text(`Realisasi ${p.period} berformat tanggal, bukan angka.`, `The ${p.period} realisation is formatted as a date, not a number.`), suggestion: text("Ubah format sel menjadi angka.", "Format the cell as a number.") }];
        }
        if (r.status === "not-numeric" || r.status === "error") {
          return [{ ...at, message: text(`Realisasi ${p.period} ${q(r.text)} bukan angka.`, `The ${p.period} realisation ${q(r.text)} is not a number.`) }];
        }
        if (r.status === "text-number") {
          return [{ ...at, severity: "info" as const, message: text(`Realisasi ${p.period} ${q(r.text)} tersimpan sebagai teks; dibaca ${fmtId(r.value ?? 0)}.`, `The ${p.period} realisation ${q(r.text)} is stored as text; read as ${r.value}.`) }];
        }
        return [];
      }),
    );
  },
};

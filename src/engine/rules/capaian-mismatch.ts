import type { Rule } from "./types";
import { fmt, fmtId, text } from "./helpers";

/** The sheet's own capaian differs from the computed one by more than 0.05 points. */
export const capaianMismatch: Rule = {
  meta: {
    id: "capaian-mismatch",
    severity: "error",
    category: "measurement",
    description: text("Capaian yang tertulis berbeda dari hasil perhitungan.", "The capaian in the sheet differs from the computed one."),
    docs: "docs/rules/capaian-mismatch.md",
  },
  check({ evaluated }) {
    return evaluated.indicators.flatMap((ind) => {
      const cell = ind.measurement.capaianCell;
      const computed = ind.measurement.capaian.value;
      if (!cell || cell.reading.value === null || computed === null) return [];
      if (Math.abs(cell.reading.value - computed) <= 0.05) return [];
      return [
        {
          row: cell.row,
          col: cell.col,
          indicatorRow: ind.typed.row.row,
          message: text(
            `Capaian tertulis ${fmtId(cell.reading.value)}%, hasil perhitungan ${fmtId(computed)}% (realisasi ${fmtId(ind.measurement.realisasi ?? 0)}).`,
            `The capaian says ${fmt(cell.reading.value)}%; computed it is ${fmt(computed)}% (realisation ${fmt(ind.measurement.realisasi ?? 0)}).`,
          ),
        },
      ];
    });
  },
};

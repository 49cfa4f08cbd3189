import type { Rule } from "./types";
import { cellText, columnOf, q, text } from "./helpers";

/** The name says count (`Jumlah …`); the formula is a ratio × 100. */
export const countWithRatio: Rule = {
  meta: {
    id: "count-with-ratio",
    severity: "error",
    category: "definition",
    description: text("Nama indikator jumlah, tetapi rumusnya persentase.", "A count indicator whose formula is a percentage."),
    docs: "docs/rules/count-with-ratio.md",
  },
  check({ evaluated }) {
    const formulaCol = columnOf(evaluated.table, "formula")?.col;
    if (formulaCol === undefined) return [];
    return evaluated.indicators.flatMap((ind) => {
      if (ind.typed.type.kindByName !== "count" || ind.typed.type.kindByFormula !== "percentage") return [];
      return [
        {
          row: ind.typed.row.row,
          col: formulaCol,
          indicatorRow: ind.typed.row.row,
          message: text(
            `Indikator ${q(ind.typed.row.name)} menghitung jumlah, tetapi rumusnya ${q(cellText(ind, formulaCol))} menghasilkan persentase.`,
            `Indicator ${q(ind.typed.row.name)} counts something, but its formula ${q(cellText(ind, formulaCol))} yields a percentage.`,
          ),
          suggestion: text(
            "Ganti nama menjadi \"Persentase …\" atau rumus menjadi \"Jumlah …\", sesuai yang sebenarnya diukur.",
            "Rename it \"Persentase …\" or make the formula \"Jumlah …\", whichever is really measured.",
          ),
        },
      ];
    });
  },
};

import type { Rule } from "./types";
import { cellText, columnOf, q, text } from "./helpers";

/** The name says percentage; the formula computes a count or another non-ratio. */
export const pctWithoutRatio: Rule = {
  meta: {
    id: "pct-without-ratio",
    severity: "error",
    category: "definition",
    description: text("Nama indikator persentase, tetapi rumusnya bukan rasio.", "A percentage indicator whose formula is not a ratio."),
    docs: "docs/rules/pct-without-ratio.md",
  },
  check({ evaluated }) {
    const formulaCol = columnOf(evaluated.table, "formula")?.col;
    if (formulaCol === undefined) return [];
    return evaluated.indicators.flatMap((ind) => {
      const { type, formula } = ind.typed;
      if (type.kindByName !== "percentage") return [];
      const expr = formula.expr;
      const notRatio =
        formula.cls === "count" ||
        (formula.cls === "expression" && expr !== null && !(expr.type === "bin" && (expr.op === "/" || (expr.op === "*" && expr.left.type === "bin" && expr.left.op === "/"))) && !(expr.type === "agg" && expr.fn === "AVG"));
      if (!notRatio) return [];
      const f = cellText(ind, formulaCol);
      return [
        {
          row: ind.typed.row.row,
          col: formulaCol,
          indicatorRow: ind.typed.row.row,
          message: text(
            `Indikator ${q(ind.typed.row.name)} adalah persentase, tetapi rumusnya ${q(f)} menghitung jumlah, bukan pembagian (A dibagi B dikali 100%).`,
            `Indicator ${q(ind.typed.row.name)} is a percentage, but its formula ${q(f)} computes a count, not a share (A divided by B times 100%).`,
          ),
          suggestion: text("Tulis rumus sebagai pembilang dibagi penyebut dikali 100%.", "Write the formula as numerator divided by denominator times 100%."),
        },
      ];
    });
  },
};

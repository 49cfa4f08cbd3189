import type { Rule } from "./types";
import { cellText, columnOf, q, text } from "./helpers";
import { displayText } from "../text";

/** A percentage computed as A / B without × 100 (or × 100 where the name says ratio). */
export const ratioMissingScale: Rule = {
  meta: {
    id: "ratio-missing-scale",
    severity: "warning",
    category: "definition",
    description: text("Persentase tanpa dikali 100 (atau rasio dikali 100).", "A percentage without × 100 (or a ratio with it)."),
    docs: "docs/rules/ratio-missing-scale.md",
  },
  check({ evaluated }) {
    const formulaCol = columnOf(evaluated.table, "formula")?.col;
    if (formulaCol === undefined) return [];
    return evaluated.indicators.flatMap((ind) => {
      const expr = ind.typed.formula.expr;
      if (!expr || expr.type !== "bin") return [];
      const plainRatio = expr.op === "/";
      const scaled = expr.op === "*" && expr.right.type === "num" && expr.right.value === 100 && expr.left.type === "bin" && expr.left.op === "/";
      const pctName = ind.typed.type.kindByName === "percentage";
      const ratioName = /^rasio\b/i.test(displayText(ind.typed.row.name));
      if (!((pctName && plainRatio) || (ratioName && scaled))) return [];
      const f = q(cellText(ind, formulaCol));
      return [
        {
          row: ind.typed.row.row,
          col: formulaCol,
          indicatorRow: ind.typed.row.row,
          message: pctName
            ? text(`Indikator persentase, tetapi rumus ${f} tidak dikali 100%.`, `A percentage indicator, but the formula ${f} is not multiplied by 100%.`)
            : text(`Indikator rasio, tetapi rumus ${f} dikali 100%.`, `A ratio indicator, but the formula ${f} is multiplied by 100%.`),
        },
      ];
    });
  },
};

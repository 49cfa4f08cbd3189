import type { Rule } from "./types";
import { cellText, columnOf, q, text } from "./helpers";

/** The formula adds no computation: it repeats the name, or is a bare word. */
export const formulaRestatesIndicator: Rule = {
  meta: {
    id: "formula-restates-indicator",
    severity: "warning",
    category: "definition",
    description: text("Rumus hanya mengulang nama indikator.", "The formula only restates the indicator."),
    docs: "docs/rules/formula-restates-indicator.md",
  },
  check({ evaluated }) {
    const formulaCol = columnOf(evaluated.table, "formula")?.col;
    if (formulaCol === undefined) return [];
    return evaluated.indicators
      .filter((ind) => ind.typed.formula.cls === "restated")
      .map((ind) => ({
        row: ind.typed.row.row,
        col: formulaCol,
        indicatorRow: ind.typed.row.row,
        message: text(
          `Rumus ${q(cellText(ind, formulaCol))} tidak menjelaskan cara menghitung indikator ${q(ind.typed.row.name)}.`,
          `The formula ${q(cellText(ind, formulaCol))} does not say how indicator ${q(ind.typed.row.name)} is computed.`,
        ),
        suggestion: text("Tuliskan pembilang dan penyebutnya, atau apa yang dihitung.", "State the numerator and denominator, or what is counted."),
      }));
  },
};

import type { Rule } from "./types";
import { columnOf, q, text } from "./helpers";

/** The table has a formula column and this row's cell is empty. */
export const formulaMissing: Rule = {
  meta: {
    id: "formula-missing",
    severity: "error",
    category: "definition",
    description: text("Rumus/formulasi indikator kosong.", "The indicator's formula is empty."),
    docs: "docs/rules/formula-missing.md",
  },
  check({ evaluated }) {
    const formulaCol = columnOf(evaluated.table, "formula")?.col;
    if (formulaCol === undefined) return [];
    return evaluated.indicators
      .filter((ind) => ind.typed.formula.cls === "empty" && !ind.typed.formulaFromTarget)
      .map((ind) => ({
        row: ind.typed.row.row,
        col: formulaCol,
        indicatorRow: ind.typed.row.row,
        message: text(
          `Rumus untuk indikator ${q(ind.typed.row.name)} belum diisi.`,
          `The formula of indicator ${q(ind.typed.row.name)} is empty.`,
        ),
      }));
  },
};

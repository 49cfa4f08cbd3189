import type { Rule } from "./types";
import { cellText, columnOf, q, text } from "./helpers";

/** The table has a sumber-data column and this row's cell is empty. */
export const sourceMissing: Rule = {
  meta: {
    id: "source-missing",
    severity: "warning",
    category: "definition",
    description: text("Sumber data kosong.", "The data source is empty."),
    docs: "docs/rules/source-missing.md",
  },
  check({ evaluated }) {
    const col = columnOf(evaluated.table, "sumber")?.col;
    if (col === undefined) return [];
    return evaluated.indicators
      .filter((ind) => cellText(ind, col) === "")
      .map((ind) => ({
        row: ind.typed.row.row,
        col,
        indicatorRow: ind.typed.row.row,
        message: text(`Sumber data indikator ${q(ind.typed.row.name)} belum diisi.`, `The data source of indicator ${q(ind.typed.row.name)} is empty.`),
      }));
  },
};

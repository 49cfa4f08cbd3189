import type { Rule } from "./types";
import { columnOf, q, text } from "./helpers";
import { displayText } from "../text";

const key = (s: string | null): string => displayText(s ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "");

/** The same name under the same sasaran twice in one table. */
export const duplicateIndicator: Rule = {
  meta: {
    id: "duplicate-indicator",
    severity: "warning",
    category: "definition",
    description: text("Indikator yang sama tercantum dua kali pada sasaran yang sama.", "The same indicator twice under the same objective."),
    docs: "docs/rules/duplicate-indicator.md",
  },
  check({ evaluated }) {
    const col = columnOf(evaluated.table, "indikator")?.col;
    if (col === undefined) return [];
    const first = new Map<string, number>();
    return evaluated.indicators.flatMap((ind) => {
      const k = `${key(ind.typed.row.sasaran)}|${key(ind.typed.row.name)}`;
      const before = first.get(k);
      if (before === undefined) {
        first.set(k, ind.typed.row.row);
        return [];
      }
      return [
        {
          row: ind.typed.row.row,
          col,
          indicatorRow: ind.typed.row.row,
          message: text(
            `Indikator ${q(ind.typed.row.name)} sudah tercantum di baris ${before} untuk sasaran yang sama.`,
            `Indicator ${q(ind.typed.row.name)} is already listed in row ${before} under the same objective.`,
          ),
        },
      ];
    });
  },
};

import type { Rule } from "./types";
import { q, text } from "./helpers";

/** A target that cannot be read as a number, percentage, grade, range or count with unit. */
export const targetUnparsed: Rule = {
  meta: {
    id: "target-unparsed",
    severity: "warning",
    category: "definition",
    description: text("Target tidak terbaca sebagai angka, persen, predikat, rentang atau jumlah.", "The target cannot be read."),
    docs: "docs/rules/target-unparsed.md",
  },
  check({ evaluated }) {
    const cols = evaluated.table.columns.filter((c) => c.role === "target");
    return evaluated.indicators.flatMap((ind) =>
      cols.flatMap((c) => {
        const t = ind.typed.targets[c.period ?? "Tahunan"];
        // `1 3dokumen` is unparsed even though a 1 was read; a target followed by other text in its cell is not.
        if (!t || t.form !== "unparsed" || t.overflow !== null) return [];
        return [
          {
            row: ind.typed.row.row,
            col: c.col,
            indicatorRow: ind.typed.row.row,
            message: text(
              `Target ${q(t.text)} tidak dapat dibaca sebagai angka, persen, predikat, rentang atau jumlah dengan satuan.`,
              `The target ${q(t.text)} cannot be read as a number, percentage, grade, range or count with a unit.`,
            ),
          },
        ];
      }),
    );
  },
};

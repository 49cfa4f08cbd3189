import type { Rule } from "./types";
import { q, text } from "./helpers";

/** The target's unit contradicts the name: a count with `100%`, a percentage with `4 dokumen`. */
export const targetUnitMismatch: Rule = {
  meta: {
    id: "target-unit-mismatch",
    severity: "error",
    category: "definition",
    description: text("Satuan target bertentangan dengan nama indikator.", "The target's unit contradicts the indicator name."),
    docs: "docs/rules/target-unit-mismatch.md",
  },
  check({ evaluated }) {
    const targetCols = evaluated.table.columns.filter((c) => c.role === "target");
    return evaluated.indicators.flatMap((ind) => {
      const byName = ind.typed.type.kindByName;
      if (byName !== "count" && byName !== "percentage") return [];
      const out = [];
      for (const c of targetCols) {
        const t = ind.typed.targets[c.period ?? "Tahunan"];
        if (!t) continue;
        const clash = (byName === "count" && t.form === "percent") || (byName === "percentage" && t.form === "count");
        if (!clash) continue;
        out.push(
          {
            row: ind.typed.row.row,
            col: c.col,
            indicatorRow: ind.typed.row.row,
            message:
              byName === "count"
                ? text(
                    `Indikator ${q(ind.typed.row.name)} menghitung jumlah, tetapi targetnya ${q(t.text)} berupa persentase.`,
                    `Indicator ${q(ind.typed.row.name)} is a count, but its target ${q(t.text)} is a percentage.`,
                  )
                : text(
                    `Indikator ${q(ind.typed.row.name)} adalah persentase, tetapi targetnya ${q(t.text)} berupa jumlah ${t.unit ?? ""}.`,
                    `Indicator ${q(ind.typed.row.name)} is a percentage, but its target ${q(t.text)} is a count of ${t.unit ?? "things"}.`,
                  ),
          },
        );
      }
      return out;
    });
  },
};

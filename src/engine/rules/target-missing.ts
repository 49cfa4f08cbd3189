import type { Rule } from "./types";
import { q, text } from "./helpers";

/** The table has a target column and this row's target is empty or a dash. */
export const targetMissing: Rule = {
  meta: {
    id: "target-missing",
    severity: "warning",
    category: "definition",
    description: text("Target indikator kosong (galat di tabel PK).", "The indicator's target is empty (an error in PK tables)."),
    docs: "docs/rules/target-missing.md",
  },
  check({ evaluated }) {
    const t = evaluated.table;
    // The annual target, or each year of a multi-year table; quarterly targets are optional.
    const cols = t.columns.filter((c) => c.role === "target" && (c.period === null || c.period === "Tahunan" || /^\d{4}$/.test(c.period)));
    return evaluated.indicators.flatMap((ind) =>
      cols.flatMap((c) => {
        const target = ind.typed.targets[c.period ?? "Tahunan"];
        if (!target || (target.form !== "empty" && target.form !== "dash")) return [];
        const year = c.period && /^\d{4}$/.test(c.period) ? ` ${c.period}` : "";
        return [
          {
            row: ind.typed.row.row,
            col: c.col,
            indicatorRow: ind.typed.row.row,
            severity: t.kind === "PK" ? ("error" as const) : undefined,
            message: text(
              `Target${year} indikator ${q(ind.typed.row.name)} belum diisi.`,
              `The${year ? `${year}` : ""} target of indicator ${q(ind.typed.row.name)} is empty.`,
            ),
          },
        ];
      }),
    );
  },
};

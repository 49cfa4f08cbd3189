import type { Rule } from "./types";
import { text } from "./helpers";
import { targetCellOf } from "../measure/native";

/** The denominator of the capaian (the target, or T/R's realisation) is zero. */
export const divisionByZero: Rule = {
  meta: {
    id: "division-by-zero",
    severity: "error",
    category: "measurement",
    description: text("Pembagian dengan nol.", "Division by zero."),
    docs: "docs/rules/division-by-zero.md",
  },
  check({ evaluated }) {
    return evaluated.indicators.flatMap((ind) => {
      const reason = ind.measurement.capaian.reason;
      if (reason !== "zero-target" && reason !== "zero-realisation") return [];
      const cell = targetCellOf(evaluated.table, ind.typed.row.row);
      if (!cell) return [];
      return [
        {
          ...cell,
          indicatorRow: ind.typed.row.row,
          message:
            reason === "zero-target"
              ? text("Target bernilai 0: capaian tidak dapat dihitung.", "The target is 0: the capaian cannot be computed.")
              : text("Realisasi bernilai 0 pada rumus T/R: capaian tidak dapat dihitung.", "The realisation is 0 in T/R: the capaian cannot be computed."),
        },
      ];
    });
  },
};

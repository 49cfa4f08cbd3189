import type { Rule, RawFinding } from "./types";
import { fmt, fmtId, text } from "./helpers";

/** The realisation differs from the formula evaluated over its component rows. */
export const realisasiComponentsMismatch: Rule = {
  meta: {
    id: "realisasi-components-mismatch",
    severity: "error",
    category: "measurement",
    description: text("Realisasi tidak sesuai dengan rumus atas komponennya.", "The realisation differs from its formula over the components."),
    docs: "docs/rules/realisasi-components-mismatch.md",
  },
  check({ evaluated }) {
    return evaluated.indicators.flatMap((ind) =>
      ind.measurement.periods.flatMap((p): RawFinding[] => {
        if (p.fromComponents === null || p.stated === null || p.col === null) return [];
        if (Math.abs(p.fromComponents - p.stated) <= 0.05) return [];
        return [
          {
            row: ind.typed.row.row,
            col: p.col,
            indicatorRow: ind.typed.row.row,
            message: text(
              `Realisasi ${p.period} ${fmtId(p.stated)}, tetapi rumus atas komponennya menghasilkan ${fmtId(p.fromComponents)}.`,
              `The ${p.period} realisation is ${fmt(p.stated)}, but the formula over its components gives ${fmt(p.fromComponents)}.`,
            ),
          },
        ];
      }),
    );
  },
};

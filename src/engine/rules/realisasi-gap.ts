import type { Rule } from "./types";
import { text } from "./helpers";

/** An earlier period empty while a later one is filled. */
export const realisasiGap: Rule = {
  meta: {
    id: "realisasi-gap",
    severity: "warning",
    category: "measurement",
    description: text("Realisasi periode sebelumnya kosong.", "An earlier period's realisation is empty."),
    docs: "docs/rules/realisasi-gap.md",
  },
  check({ evaluated }) {
    return evaluated.indicators.flatMap((ind) => {
      const ps = ind.measurement.periods;
      const filled = ps.map((p) => p.reading?.status !== undefined && p.reading.status !== "empty");
      const lastFilled = filled.lastIndexOf(true);
      // Only the last period filled: a value measured once a year (SAKIP, opini), not a gap.
      if (filled.filter(Boolean).length === 1 && lastFilled === ps.length - 1) return [];
      return ps.slice(0, Math.max(0, lastFilled)).flatMap((p) =>
        p.col !== null && (p.reading === null || p.reading.status === "empty")
          ? [
              {
                row: ind.typed.row.row,
                col: p.col,
                indicatorRow: ind.typed.row.row,
                message: text(`Realisasi ${p.period} kosong, padahal periode sesudahnya sudah terisi.`, `The ${p.period} realisation is empty while a later period is filled.`),
              },
            ]
          : [],
      );
    });
  },
};

import type { Rule } from "./types";
import { fmt, fmtId, text } from "./helpers";

/** Running totals (`s.d.` columns) of a kumulatif indicator that go down. */
export const cumulativeDecrease: Rule = {
  meta: {
    id: "cumulative-decrease",
    severity: "error",
    category: "measurement",
    description: text("Realisasi kumulatif (s.d.) menurun.", "A running total goes down."),
    docs: "docs/rules/cumulative-decrease.md",
  },
  check({ evaluated }) {
    return evaluated.indicators.flatMap((ind) => {
      const m = ind.measurement;
      if (!m.runningTotals || m.aggregation !== "cumulative") return [];
      let previous: { period: string; value: number } | null = null;
      const out = [];
      for (const p of m.periods) {
        if (p.stated === null || p.col === null) continue;
        if (previous && p.stated < previous.value) {
          out.push({
            row: ind.typed.row.row,
            col: p.col,
            indicatorRow: ind.typed.row.row,
            message: text(
              `Realisasi s.d. ${p.period} (${fmtId(p.stated)}) lebih kecil dari s.d. ${previous.period} (${fmtId(previous.value)}).`,
              `The running total to ${p.period} (${fmt(p.stated)}) is below the one to ${previous.period} (${fmt(previous.value)}).`,
            ),
          });
        }
        previous = { period: p.period, value: p.stated };
      }
      return out;
    });
  },
};

import type { Rule } from "./types";
import { fmt, fmtId, text } from "./helpers";
import { annualTargetColumn } from "../indicator";

/**
 * Quarterly targets that do not add up to (kumulatif) or end at (non-kumulatif) the annual
 * target; targets to date (`Target s.d. TW …`) must end at it.
 */
export const periodTargetsInconsistent: Rule = {
  meta: {
    id: "period-targets-inconsistent",
    severity: "warning",
    category: "measurement",
    description: text("Target per periode tidak sesuai dengan target tahunan.", "Period targets do not match the annual target."),
    docs: "docs/rules/period-targets-inconsistent.md",
  },
  check({ evaluated }) {
    const annualCol = annualTargetColumn(evaluated.table.columns);
    if (!annualCol) return [];
    return evaluated.indicators.flatMap((ind) => {
      const annual = ind.typed.target?.value ?? null;
      const targets = ind.measurement.periods.filter((p) => p.target !== null);
      if (annual === null || targets.length < 2) return [];
      const m = ind.measurement;
      const at = { row: ind.typed.row.row, col: annualCol.col, indicatorRow: ind.typed.row.row };
      if (m.aggregation === "cumulative" && targets.some((p) => p.targetToDate)) {
        // Targets to date (`Target s.d. TW IV`): the last one is the year's.
        const last = targets[targets.length - 1].target as number;
        if (Math.abs(last - annual) <= 1e-9) return [];
        return [{ ...at, message: text(`Target s.d. periode terakhir ${fmtId(last)} tidak sama dengan target tahunan ${fmtId(annual)}.`, `The target to date of the last period, ${fmt(last)}, is not the annual ${fmt(annual)}.`) }];
      }
      if (m.aggregation === "cumulative") {
        const sum = targets.reduce((s, p) => s + (p.target as number), 0);
        if (Math.abs(sum - annual) <= 1e-9) return [];
        return [{ ...at, message: text(`Jumlah target per triwulan ${fmtId(sum)} tidak sama dengan target tahunan ${fmtId(annual)} (indikator kumulatif).`, `The quarterly targets add up to ${fmt(sum)}, not the annual ${fmt(annual)} (a cumulative indicator).`) }];
      }
      const last = targets[targets.length - 1].target as number;
      if (Math.abs(last - annual) <= 1e-9) return [];
      return [{ ...at, message: text(`Target periode terakhir ${fmtId(last)} tidak sama dengan target tahunan ${fmtId(annual)} (indikator non-kumulatif).`, `The last period's target ${fmt(last)} is not the annual ${fmt(annual)} (a non-cumulative indicator).`) }];
    });
  },
};

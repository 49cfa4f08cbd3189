import type { Rule, RawFinding } from "./types";
import { fmt, fmtId, text } from "./helpers";
import { variablesOf } from "../formula/ast";

/** Denominators that are a whole: a share of them cannot exceed 100 %. */
const WHOLE = /\b(total|seluruh|keseluruhan|semua|pagu|anggaran|spd|dpa|kebutuhan|yang masuk|yang diusulkan|yang terdaftar)\b/i;

function dividesByWhole(ind: Parameters<Rule["check"]>[0]["evaluated"]["indicators"][number]): boolean {
  const e = ind.typed.formula.expr;
  if (!e || e.type !== "bin") return false;
  const ratio = e.op === "/" ? e : e.op === "*" && e.left.type === "bin" && e.left.op === "/" ? e.left : null;
  return ratio !== null && variablesOf(ratio.right).some((v) => WHOLE.test(v));
}

/** A count below 0; a percentage below 0, or above 100 of a whole. */
export const realisasiOutOfRange: Rule = {
  meta: {
    id: "realisasi-out-of-range",
    severity: "error",
    category: "measurement",
    description: text("Realisasi di luar rentang yang mungkin.", "A realisation outside the possible range."),
    docs: "docs/rules/realisasi-out-of-range.md",
  },
  check({ evaluated }) {
    return evaluated.indicators.flatMap((ind) => {
      const kind = ind.typed.type.kind;
      if (kind !== "count" && kind !== "percentage") return [];
      return ind.measurement.periods.flatMap((p): RawFinding[] => {
        const v = p.stated;
        if (v === null || p.col === null) return [];
        const at = { row: ind.typed.row.row, col: p.col, indicatorRow: ind.typed.row.row };
        if (v < 0) return [{ ...at, message: text(`Realisasi ${p.period} ${fmtId(v)} negatif.`, `The ${p.period} realisation ${fmt(v)} is negative.`) }];
        if (kind === "percentage" && v > 100) {
          return dividesByWhole(ind)
            ? [{ ...at, message: text(`Realisasi ${p.period} ${fmtId(v)}% melebihi 100% dari suatu keseluruhan.`, `The ${p.period} realisation ${fmt(v)}% exceeds 100% of a whole.`) }]
            : [{ ...at, severity: "info" as const, message: text(`Realisasi ${p.period} ${fmtId(v)}% di atas 100%; periksa kembali.`, `The ${p.period} realisation ${fmt(v)}% is above 100%; check it.`) }];
        }
        return [];
      });
    });
  },
};

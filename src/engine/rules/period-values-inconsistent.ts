import type { Rule, RawFinding } from "./types";
import { fmt, fmtId, text } from "./helpers";
import { displayTolerance } from "../measure/tolerance";
import { numberFormatAt } from "../snapshot";

const AGG = {
  cumulative: { id: "jumlah", en: "the sum of", tipe: { id: "kumulatif", en: "a cumulative" } },
  "non-cumulative": { id: "nilai terakhir", en: "the latest of", tipe: { id: "non-kumulatif", en: "a non-cumulative" } },
  average: { id: "rata-rata", en: "the mean of", tipe: { id: "rata-rata", en: "an average" } },
} as const;

/** `Bulan 4, Bulan 5, Bulan 6` → `Bulan 4–6`; other lists joined. */
function partsText(parts: readonly string[], lang: "id" | "en"): string {
  const months = parts.map((p) => /^Bulan (\d+)$/.exec(p)?.[1]).filter((m): m is string => !!m);
  if (months.length === parts.length && months.length > 1) return `${lang === "id" ? "Bulan" : "months"} ${months[0]}–${months[months.length - 1]}`;
  return parts.join(", ");
}

/**
 * A longer period's own column disagrees with the shorter periods it is made of, aggregated
 * per Tipe Penghitungan: a quarter that is not the sum of its three months (kumulatif), not
 * its last month (non-kumulatif) or not their mean (rata-rata); a year's total column that
 * is not the year to date.
 */
export const periodValuesInconsistent: Rule = {
  meta: {
    id: "period-values-inconsistent",
    severity: "warning",
    category: "measurement",
    description: text("Realisasi periode tidak sesuai dengan periode-periode penyusunnya.", "A period's realisation does not match the periods it is made of."),
    docs: "docs/rules/period-values-inconsistent.md",
  },
  check({ sheet, evaluated }) {
    return evaluated.indicators.flatMap((ind): RawFinding[] => {
      const m = ind.measurement;
      const row = ind.typed.row.row;
      return m.summaries.flatMap((s): RawFinding[] => {
        if (s.stated === null || s.aggregated === null) return [];
        const tol = displayTolerance(s.reading, numberFormatAt(sheet, row, s.col));
        if (Math.abs(s.stated - s.aggregated) <= tol) return [];
        const agg = AGG[m.aggregation];
        const partsId = partsText(s.parts.map((p) => p.period), "id");
        const partsEn = partsText(s.parts.map((p) => p.period), "en");
        const what = s.period === "Tahunan"
          ? { id: "Realisasi tahunan", en: "The annual realisation" }
          : { id: `Realisasi ${s.period}`, en: `The ${s.period} realisation` };
        return [
          {
            row,
            col: s.col,
            indicatorRow: row,
            message: text(
              `${what.id} ${fmtId(s.stated)} tidak sama dengan ${agg.id} ${partsId} (${fmtId(s.aggregated)}; indikator ${agg.tipe.id}).`,
              `${what.en} ${fmt(s.stated)} is not ${agg.en} ${partsEn} (${fmt(s.aggregated)}; ${agg.tipe.en} indicator).`,
            ),
          },
        ];
      });
    });
  },
};

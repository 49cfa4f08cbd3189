import type { RawFinding, Rule } from "./types";
import { fmt, fmtId, text } from "./helpers";
import { capaianFor, type CapaianVariant } from "../measure/capaian";
import type { EvaluatedIndicator } from "../evaluate";

/** The formula behind a capaian, as the officer would write it. */
const FORMULA: Partial<Record<CapaianVariant, string>> = {
  positive: "R/T",
  "negative-inverse": "(2T − R)/T",
  "negative-ratio": "T/R",
};

/** The other conventions a typed figure may follow: the opposite polarity, the other negative formula. */
const CONVENTIONS = [
  { polarity: "positive", negative: "inverse" },
  { polarity: "negative", negative: "inverse" },
  { polarity: "negative", negative: "ratio" },
] as const;

/** The convention other than the row's own under which the typed figure is right, if any. */
function otherConvention(ind: EvaluatedIndicator, typed: number): CapaianVariant | null {
  const m = ind.measurement;
  if (m.realisasi === null || !m.capaian.variant || !FORMULA[m.capaian.variant]) return null;
  for (const c of CONVENTIONS) {
    const alt = capaianFor({ value: m.realisasi }, m.target, c.polarity, c.negative);
    if (alt.variant && alt.variant !== m.capaian.variant && alt.value !== null && Math.abs(alt.value - typed) <= 0.05) return alt.variant;
  }
  return null;
}

/**
 * The sheet's own capaian differs from the computed one by more than 0.05 points. When the
 * typed figure is right under another polarity convention it is a warning: the row's
 * polarity (read from its name) may be what is wrong, not the arithmetic.
 */
export const capaianMismatch: Rule = {
  meta: {
    id: "capaian-mismatch",
    severity: "error",
    category: "measurement",
    description: text("Capaian yang tertulis berbeda dari hasil perhitungan.", "The capaian in the sheet differs from the computed one."),
    docs: "docs/rules/capaian-mismatch.md",
  },
  check({ evaluated }) {
    return evaluated.indicators.flatMap((ind): RawFinding[] => {
      const m = ind.measurement;
      const cell = m.capaianCell;
      const computed = m.capaian.value;
      if (!cell || cell.reading.value === null || computed === null) return [];
      const typed = cell.reading.value;
      if (Math.abs(typed - computed) <= 0.05) return [];
      const r = m.realisasi ?? 0;
      const used = m.capaian.variant ? FORMULA[m.capaian.variant] : undefined;
      const at = { row: cell.row, col: cell.col, indicatorRow: ind.typed.row.row };
      const other = otherConvention(ind, typed);
      if (other) {
        return [
          {
            ...at,
            severity: "warning",
            message: text(
              `Capaian tertulis ${fmtId(typed)}%, hasil perhitungan ${fmtId(computed)}% dengan rumus ${used} (realisasi ${fmtId(r)}). Angka tertulis cocok dengan rumus ${FORMULA[other]}: periksa polaritas indikator ini.`,
              `The capaian says ${fmt(typed)}%; computed with ${used} it is ${fmt(computed)}% (realisation ${fmt(r)}). The typed figure matches ${FORMULA[other]}: check this indicator's polarity.`,
            ),
            suggestion: text(
              `Bila angka tertulis benar, atur polaritas baris ini di panel tugas (${other === "positive" ? "semakin tinggi semakin baik" : "semakin rendah semakin baik"}).`,
              `If the typed figure is right, set this row's polarity in the task pane (${other === "positive" ? "higher is better" : "lower is better"}).`,
            ),
          },
        ];
      }
      const how = used ? { id: `, rumus ${used}`, en: `, formula ${used}` } : { id: "", en: "" };
      return [
        {
          ...at,
          message: text(
            `Capaian tertulis ${fmtId(typed)}%, hasil perhitungan ${fmtId(computed)}% (realisasi ${fmtId(r)}${how.id}).`,
            `The capaian says ${fmt(typed)}%; computed it is ${fmt(computed)}% (realisation ${fmt(r)}${how.en}).`,
          ),
        },
      ];
    });
  },
};

import type { Rule, RawFinding } from "./types";
import { fmt, fmtId, text } from "./helpers";

/** The fraction as typed, up to four decimals (1,0118 — not rounded to 1,01). */
const fracId = (v: number): string => String(Math.round(v * 1e4) / 1e4).replace(".", ",");
const fracEn = (v: number): string => String(Math.round(v * 1e4) / 1e4);

/**
 * A fraction (0.85) where the row or column holds percentages on the 0–100 scale (85): the
 * engine reads it as 85 % and says so. In a realisation, a target, or the user's capaian.
 */
export const percentScaleMixed: Rule = {
  meta: {
    id: "percent-scale-mixed",
    severity: "warning",
    category: "measurement",
    description: text("Pecahan (0,85) bercampur dengan persentase (85).", "A fraction (0.85) mixed with percentages (85)."),
    docs: "docs/rules/percent-scale-mixed.md",
  },
  check({ evaluated }) {
    return evaluated.indicators.flatMap((ind) => {
      const row = ind.typed.row.row;
      const m = ind.measurement;
      const out: RawFinding[] = [];
      const fix = (to: number) =>
        text(`Ketik ${fmtId(to)}, atau beri sel format persen (0%) agar tampil ${fmtId(to)}%.`, `Type ${fmt(to)}, or format the cell as a percentage (0%) so it shows ${fmt(to)}%.`);
      const add = (col: number, label: { id: string; en: string }, from: number, to: number, among: { id: string; en: string }): void => {
        out.push({
          row,
          col,
          indicatorRow: row,
          message: text(
            `${label.id} ${fracId(from)} ditulis sebagai pecahan, padahal ${among.id} memakai skala 0–100; dibaca ${fmtId(to)}%.`,
            `${label.en} ${fracEn(from)} is written as a fraction while ${among.en} the 0–100 scale; read as ${fmt(to)}%.`,
          ),
          suggestion: fix(to),
        });
      };
      if (m.scaledTarget) {
        add(m.scaledTarget.col, { id: "Target", en: "The target" }, m.scaledTarget.from, m.scaledTarget.to, { id: "realisasinya", en: "its realisation uses" });
      }
      for (const p of m.periods) {
        if (p.col !== null && p.reading?.fractionScaled && p.reading.value !== null) {
          add(p.col, { id: `Realisasi ${p.period}`, en: `The ${p.period} realisation` }, p.reading.value / 100, p.reading.value, { id: "target dan periode lain baris ini", en: "the row's target and other periods use" });
        }
      }
      for (const p of m.periods) {
        const tc = evaluated.table.columns.find((c) => c.role === "target" && c.period === p.period);
        if (tc && p.targetReading?.fractionScaled && p.targetReading.value !== null) {
          add(tc.col, { id: `Target ${p.period}`, en: `The ${p.period} target` }, p.targetReading.value / 100, p.targetReading.value, { id: "realisasinya", en: "its realisation uses" });
        }
      }
      const cell = m.capaianCell;
      if (cell && cell.reading.fractionScaled && cell.reading.value !== null) {
        add(cell.col, { id: "Capaian", en: "The capaian" }, cell.reading.value / 100, cell.reading.value, { id: "capaian hasil perhitungan dan baris lain di kolom ini", en: "the computed capaian and the column's other rows use" });
      }
      return out;
    });
  },
};

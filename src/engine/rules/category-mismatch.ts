import type { Rule, RawFinding } from "./types";
import { fmt, fmtId, q, text } from "./helpers";
import { acceptedLabels, bandOf, CATEGORY_SETS, labelIn, tableCategories } from "../measure/category";
import { textAt } from "../snapshot";

/**
 * The class the officer typed (`Predikat`, `Kategori`) is not the class of the computed
 * capaian on the band set the officer's labels come from. Info: the capaian is the figure;
 * the class follows from it. When the typed class follows the officer's own capaian and that
 * capaian is itself wrong (`capaian-mismatch`), that finding carries the mistake.
 */
export const categoryMismatch: Rule = {
  meta: {
    id: "category-mismatch",
    severity: "info",
    category: "measurement",
    description: text("Kategori/predikat tertulis berbeda dari kelas capaian hasil perhitungan.", "The typed class differs from the class of the computed capaian."),
    docs: "docs/rules/category-mismatch.md",
  },
  check({ sheet, evaluated }) {
    const { col, set } = tableCategories(sheet, evaluated.table);
    if (col === null || set === null) return [];
    return evaluated.indicators.flatMap((ind): RawFinding[] => {
      const row = ind.typed.row.row;
      const typedText = textAt(sheet, row, col).trim();
      const label = labelIn(set, typedText);
      const computed = ind.measurement.capaian.value;
      if (!label || computed === null) return [];
      if (acceptedLabels(set, computed).includes(label)) return [];
      const cell = ind.measurement.capaianCell;
      const own = cell?.reading.value ?? null;
      if (cell && own !== null && Math.abs(own - computed) > cell.tolerance && acceptedLabels(set, own).includes(label)) return [];
      const expected = bandOf(set, computed);
      const name = CATEGORY_SETS[set].name;
      return [
        {
          row,
          col,
          indicatorRow: row,
          message: text(
            `Kategori tertulis ${q(typedText)}, padahal capaian hasil perhitungan ${fmtId(computed)}% termasuk "${expected}" (${name.id}).`,
            `The class says ${q(typedText)}; the computed capaian ${fmt(computed)}% is "${expected}" (${name.en}).`,
          ),
          suggestion: text(`Tulis "${expected}", atau periksa capaiannya.`, `Write "${expected}", or check the capaian.`),
        },
      ];
    });
  },
};

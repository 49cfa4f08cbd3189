import type { Rule, RawFinding } from "./types";
import { q, text } from "./helpers";
import { periodLayout } from "../measure/periods";
import { tableCategories } from "../measure/category";

/**
 * Where the engine could not read the layout with certainty, it says so instead of
 * guessing: a hidden column with a header, a period typed twice, a quarter beside only some
 * of its months, class labels from no known band set. Info: nothing is wrong in the sheet
 * for certain; the reader should know what the engine did.
 */
export const layoutUncertain: Rule = {
  meta: {
    id: "layout-uncertain",
    severity: "info",
    category: "measurement",
    description: text("Tata letak tabel tidak dapat dibaca dengan pasti.", "The table's layout cannot be read with certainty."),
    docs: "docs/rules/layout-uncertain.md",
  },
  check({ sheet, evaluated }) {
    const table = evaluated.table;
    const out: RawFinding[] = [...table.notes, ...periodLayout(table).notes].map((n) => ({ row: n.row, col: n.col, message: text(n.message.id, n.message.en) }));
    const cats = tableCategories(sheet, table);
    if (cats.col !== null && cats.set === null && cats.unknown.length > 0) {
      const labels = cats.unknown.slice(0, 4).map((l) => q(l, 30)).join(", ");
      out.push({
        row: table.headerBottom,
        col: cats.col,
        message: text(
          `Kategori di kolom ini (${labels}) tidak berasal dari satu himpunan kelas yang dikenal (Permendagri 86/2017, Sangat Baik – Sangat Kurang, Berhasil, kategori SKP); kategori tidak dibandingkan dengan capaian.`,
          `The classes in this column (${labels}) do not come from one known band set (Permendagri 86/2017, Sangat Baik – Sangat Kurang, Berhasil, SKP categories); they are not compared with the capaian.`,
        ),
      });
    }
    return out;
  },
};

import type { Rule } from "./types";
import { columnOf, q, text } from "./helpers";
import { keyTerms, shared } from "./terms";

/**
 * Neighbouring rows shifted by one: a row's name fits the sasaran (or its formula fits the
 * name) of the row above or below clearly better than its own row's.
 */
export const rowShiftSuspected: Rule = {
  meta: {
    id: "row-shift-suspected",
    severity: "warning",
    category: "definition",
    description: text("Sasaran, indikator dan rumus tampak bergeser satu baris.", "Objective, indicator and formula look shifted by one row."),
    docs: "docs/rules/row-shift-suspected.md",
  },
  check({ evaluated }) {
    const t = evaluated.table;
    const nameCol = columnOf(t, "indikator")?.col;
    if (nameCol === undefined) return [];
    const rows = evaluated.indicators.map((ind) => ({
      ind,
      sasaran: keyTerms(ind.typed.row.sasaran ?? ""),
      name: keyTerms(ind.typed.row.name),
    }));
    // A row is out of step when its name fits a neighbour's sasaran, or its sasaran fits a
    // neighbour's name, clearly better (by two key terms) than its own row's.
    const step = rows.map((r, i) => {
      const own = shared(r.name, r.sasaran);
      for (const n of [rows[i - 1], rows[i + 1]]) {
        if (!n || n.ind.typed.row.sasaran === r.ind.typed.row.sasaran) continue;
        if (n.sasaran.size > 0 && shared(r.name, n.sasaran) >= own + 2) return n;
        if (r.sasaran.size > 0 && shared(r.sasaran, n.name) >= shared(r.sasaran, r.name) + 2) return n;
      }
      return null;
    });
    // A shift moves a block: one row alone is a copied cell (another rule's business).
    return rows.flatMap((r, i) => {
      const hit = step[i];
      if (!hit || (!step[i - 1] && !step[i + 1])) return [];
      return [
        {
          row: r.ind.typed.row.row,
          col: nameCol,
          indicatorRow: r.ind.typed.row.row,
          message: text(
            `Indikator ${q(r.ind.typed.row.name)} dan sasarannya tidak sebaris: sasaran dan indikator baris ${hit.ind.typed.row.row} lebih cocok (${q(hit.ind.typed.row.sasaran ?? "", 60)}). Baris mungkin bergeser.`,
            `Indicator ${q(r.ind.typed.row.name)} and its objective are out of step: row ${hit.ind.typed.row.row} fits better (${q(hit.ind.typed.row.sasaran ?? "", 60)}). Rows may be shifted.`,
          ),
        },
      ];
    });
  },
};

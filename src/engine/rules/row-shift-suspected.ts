import type { Rule } from "./types";
import { cellText, columnOf, q, text } from "./helpers";
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
    const formulaCol = columnOf(t, "formula")?.col;
    if (nameCol === undefined) return [];
    const rows = evaluated.indicators.map((ind) => ({
      ind,
      sasaran: keyTerms(ind.typed.row.sasaran ?? ""),
      name: keyTerms(ind.typed.row.name),
      formula: keyTerms(formulaCol === undefined ? "" : cellText(ind, formulaCol)),
    }));
    return rows.flatMap((r, i) => {
      const neighbours = [rows[i - 1], rows[i + 1]].filter((x): x is (typeof rows)[number] => x !== undefined);
      // The name against the sasarans: only rows with a sasaran of their own decide.
      const ownSasaran = shared(r.name, r.sasaran);
      const betterSasaran = neighbours.find(
        (n) => n.sasaran.size > 0 && n.ind.typed.row.sasaran !== r.ind.typed.row.sasaran && shared(r.name, n.sasaran) >= ownSasaran + 2,
      );
      const ownFormula = shared(r.formula, r.name);
      const betterFormula =
        r.formula.size >= 2 ? neighbours.find((n) => shared(r.formula, n.name) >= ownFormula + 2) : undefined;
      const hit = betterSasaran ?? betterFormula;
      if (!hit) return [];
      return [
        {
          row: r.ind.typed.row.row,
          col: nameCol,
          indicatorRow: r.ind.typed.row.row,
          message: betterSasaran
            ? text(
                `Indikator ${q(r.ind.typed.row.name)} lebih cocok dengan sasaran baris ${hit.ind.typed.row.row} (${q(hit.ind.typed.row.sasaran ?? "", 60)}) daripada sasarannya sendiri: baris mungkin bergeser.`,
                `Indicator ${q(r.ind.typed.row.name)} fits the objective of row ${hit.ind.typed.row.row} (${q(hit.ind.typed.row.sasaran ?? "", 60)}) better than its own: rows may be shifted.`,
              )
            : text(
                `Rumus baris ini lebih cocok dengan indikator baris ${hit.ind.typed.row.row} (${q(hit.ind.typed.row.name, 60)}): baris mungkin bergeser.`,
                `This row's formula fits the indicator of row ${hit.ind.typed.row.row} (${q(hit.ind.typed.row.name, 60)}) better: rows may be shifted.`,
              ),
        },
      ];
    });
  },
};

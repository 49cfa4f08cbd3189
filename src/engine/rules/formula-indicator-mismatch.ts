import type { Rule } from "./types";
import { cellText, columnOf, q, text } from "./helpers";
import { distinctiveTerms, shared } from "./terms";
import { displayText } from "../text";

/** A unit or office name in the formula cell is a misplaced sumber data, not another indicator's formula. */
const OFFICE = /^(sekretariat|bidang|sub\s*bag(ian)?|badan|dinas|bagian|inspektorat|kepala)\b/i;

/** The formula describes another indicator: no shared key terms, and another row's terms. */
export const formulaIndicatorMismatch: Rule = {
  meta: {
    id: "formula-indicator-mismatch",
    severity: "warning",
    category: "definition",
    description: text("Rumus menggambarkan indikator lain.", "The formula describes another indicator."),
    docs: "docs/rules/formula-indicator-mismatch.md",
  },
  check({ evaluated }) {
    const formulaCol = columnOf(evaluated.table, "formula")?.col;
    if (formulaCol === undefined) return [];
    const rows = evaluated.indicators.map((ind) => ({
      ind,
      name: distinctiveTerms(ind.typed.row.name),
      formula: distinctiveTerms(cellText(ind, formulaCol)),
    }));
    // Distinct names (tables repeat them) indexed by their terms, so that "another row with
    // these terms" is a lookup rather than a scan of the table for every row.
    const names = new Map<ReadonlySet<string>, number[]>();
    rows.forEach((r, k) => {
      const list = names.get(r.name);
      if (list) list.push(k);
      else names.set(r.name, [k]);
    });
    const byTerm = new Map<string, ReadonlySet<string>[]>();
    for (const n of names.keys()) {
      for (const t of n) {
        const list = byTerm.get(t);
        if (list) list.push(n);
        else byTerm.set(t, [n]);
      }
    }
    const firstRowsFitting = new Map<ReadonlySet<string>, number[]>();
    const fitting = (formula: ReadonlySet<string>): number[] => {
      let hit = firstRowsFitting.get(formula);
      if (!hit) {
        const candidates = new Set<ReadonlySet<string>>();
        for (const t of formula) for (const n of byTerm.get(t) ?? []) candidates.add(n);
        hit = [...candidates]
          .filter((n) => shared(formula, n) >= Math.min(2, formula.size))
          .flatMap((n) => (names.get(n) ?? []).slice(0, 2))
          .sort((a, b) => a - b);
        firstRowsFitting.set(formula, hit);
      }
      return hit;
    };
    return rows.flatMap(({ ind, name, formula }, i) => {
      const cls = ind.typed.formula.cls;
      if (cls !== "expression" && cls !== "count" && cls !== "description") return [];
      if (formula.size < 2 || name.size === 0) return [];
      if (OFFICE.test(displayText(cellText(ind, formulaCol)))) return [];
      if (shared(formula, name) > 0) return [];
      const k = fitting(formula).find((c) => c !== i);
      const other = k === undefined ? undefined : rows[k];
      if (!other) return [];
      return [
        {
          row: ind.typed.row.row,
          col: formulaCol,
          indicatorRow: ind.typed.row.row,
          message: text(
            `Rumus ${q(cellText(ind, formulaCol))} tidak sesuai dengan indikator ${q(ind.typed.row.name)}; rumus itu lebih cocok untuk ${q(other.ind.typed.row.name)} (baris ${other.ind.typed.row.row}).`,
            `The formula ${q(cellText(ind, formulaCol))} does not fit indicator ${q(ind.typed.row.name)}; it fits ${q(other.ind.typed.row.name)} (row ${other.ind.typed.row.row}) better.`,
          ),
        },
      ];
    });
  },
};

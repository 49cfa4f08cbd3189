/**
 * Component rows: under an indicator whose formula is `A / B × 100`, rows named `A` and
 * `B` that carry the components' values per period (a rincian block). They are the
 * formula's inputs, not indicators of their own.
 */
import type { TypedIndicator } from "../indicator";
import { variableKey, variablesOf } from "../formula/ast";

export interface ComponentBinding {
  /** Index of the parent indicator → its component rows. */
  byParent: Map<number, { name: string; row: number }[]>;
  /** Indices of the rows that are components. */
  componentIndices: Set<number>;
}

export function bindComponents(rows: readonly TypedIndicator[]): ComponentBinding {
  const byParent = new Map<number, { name: string; row: number }[]>();
  const componentIndices = new Set<number>();
  for (let i = 0; i < rows.length; i++) {
    if (componentIndices.has(i)) continue;
    const expr = rows[i].formula.expr;
    if (!expr) continue;
    const names = new Map(variablesOf(expr).map((n) => [variableKey(n), n]));
    const found: { name: string; row: number }[] = [];
    for (let j = i + 1; j < rows.length; j++) {
      const r = rows[j];
      // A component row has no number, target or formula of its own and is named after a
      // variable. A row with its own target or formula is an indicator, whatever its name.
      const name = names.get(variableKey(r.row.name));
      if (!name || r.row.no || hasOwnDefinition(r)) break;
      found.push({ name, row: r.row.row });
      componentIndices.add(j);
    }
    if (found.length > 0) byParent.set(i, found);
  }
  return { byParent, componentIndices };
}

function hasOwnDefinition(r: TypedIndicator): boolean {
  const target = r.target?.form ?? "empty";
  return (target !== "empty" && target !== "dash") || r.formula.text.trim() !== "";
}

/** Compares parser output with a hand-written formula expectation entry (FORMULAS.md). */
import { parseFormula, printCanonical } from "../../../src/engine/formula";

export interface FormulaExpectation {
  name: string;
  formula: string;
  firstAt?: string;
  class: string;
  expression?: string;
  object?: string;
  tipe?: string;
}

export interface Actual {
  class: string;
  expression?: string;
  object?: string;
  tipe?: string;
}

export function actualFor(e: FormulaExpectation): Actual {
  const p = parseFormula(e.formula, e.name);
  const out: Actual = { class: p.cls };
  if (p.expr) out.expression = printCanonical(p.expr);
  if (p.cls === "count" && p.countObject !== null) out.object = p.countObject;
  if (p.tipe) out.tipe = p.tipe;
  return out;
}

export function expectedFor(e: FormulaExpectation): Actual {
  const out: Actual = { class: e.class };
  if (e.expression !== undefined) out.expression = e.expression;
  if (e.object !== undefined) out.object = e.object;
  if (e.tipe !== undefined) out.tipe = e.tipe;
  return out;
}

/**
 * Printers: the canonical readable form (`[A] / [B] * 100`, used by tests and the task
 * pane), the JSON form with letters (`A / B * 100` + a variable map), and Excel
 * formulas over given cell references.
 */
import { variablesOf, type BinaryOp, type Expr } from "./ast";

const PRECEDENCE: Record<BinaryOp, number> = { "+": 1, "-": 1, "*": 2, "/": 2 };

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(value);
}

type AggPrinter = (e: Extract<Expr, { type: "agg" }>, inner: (x: Expr) => string) => string;

function printWith(expr: Expr, name: (n: string) => string, aggregate: AggPrinter, space = " "): string {
  const go = (e: Expr, parentPrec: number, rightSide: boolean): string => {
    switch (e.type) {
      case "num":
        return formatNumber(e.value);
      case "var":
        return name(e.name);
      case "agg":
        return aggregate(e, (x) => go(x, 0, false));
      case "bin": {
        const p = PRECEDENCE[e.op];
        const text = `${go(e.left, p, false)}${space}${e.op}${space}${go(e.right, p, true)}`;
        // Left-associative: a right operand of equal precedence needs parentheses.
        const needs = p < parentPrec || (rightSide && p === parentPrec);
        return needs ? `(${text})` : text;
      }
    }
  };
  return go(expr, 0, false);
}

/** `[Jumlah Realisasi Anggaran] / [Jumlah Total Anggaran] * 100` */
export function printCanonical(expr: Expr): string {
  return printWith(expr, (n) => `[${n}]`, (e, inner) => `${e.fn}(${inner(e.arg)})`);
}

/** Letters for the JSON report: `{ expression: "A / B * 100", variables: { A: "…", B: "…" } }`. */
export function printLetters(expr: Expr): { expression: string; variables: Record<string, string> } {
  const names = variablesOf(expr);
  const letter = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : `V${i + 1}`);
  const byName = new Map(names.map((n, i) => [n, letter(i)]));
  const variables: Record<string, string> = {};
  names.forEach((n, i) => (variables[letter(i)] = n));
  return {
    expression: printWith(expr, (n) => byName.get(n) ?? n, (e, inner) => `${e.fn}(${inner(e.arg)})`),
    variables,
  };
}

/**
 * An Excel formula over cell references: `refs` maps a variable name to a reference
 * (`K7`, or a range such as `K20:K27` for a variable inside an aggregate). Returns null
 * when a variable has no reference. Never includes text from cells.
 */
export function printExcel(expr: Expr, refs: ReadonlyMap<string, string>): string | null {
  for (const n of variablesOf(expr)) {
    const ref = refs.get(n);
    if (!ref || !/^\$?[A-Z]{1,3}\$?\d+(:\$?[A-Z]{1,3}\$?\d+)?$/.test(ref)) return null;
  }
  return printWith(
    expr,
    (n) => refs.get(n) as string,
    (e, inner) => {
      // Σ a_i × b_i over two ranges is SUMPRODUCT in every Excel version.
      if (e.fn === "SUM" && e.arg.type === "bin" && e.arg.op === "*") {
        return `SUMPRODUCT(${inner(e.arg.left)},${inner(e.arg.right)})`;
      }
      return `${e.fn === "AVG" ? "AVERAGE" : "SUM"}(${inner(e.arg)})`;
    },
    // No spaces: between two references a space is Excel's intersection operator.
    "",
  );
}

/**
 * The formula expression tree: named variables (the noun phrases of the formula text),
 * constants, the four operations and aggregates over a component list.
 */

export type BinaryOp = "+" | "-" | "*" | "/";
export type AggregateFn = "SUM" | "AVG";

export interface NumberNode {
  readonly type: "num";
  readonly value: number;
}

export interface VariableNode {
  readonly type: "var";
  /** The noun phrase as written (markup removed, spaces collapsed, case kept). */
  readonly name: string;
}

export interface BinaryNode {
  readonly type: "bin";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

export interface AggregateNode {
  readonly type: "agg";
  readonly fn: AggregateFn;
  readonly arg: Expr;
}

export type Expr = NumberNode | VariableNode | BinaryNode | AggregateNode;

export const num = (value: number): NumberNode => ({ type: "num", value });
export const variable = (name: string): VariableNode => ({ type: "var", name });
export const bin = (op: BinaryOp, left: Expr, right: Expr): BinaryNode => ({ type: "bin", op, left, right });
export const agg = (fn: AggregateFn, arg: Expr): AggregateNode => ({ type: "agg", fn, arg });

/** Normalised key of a variable name: what two spellings of one quantity share. */
export function variableKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, " ").trim();
}

/** Variable names in order of first appearance. */
export function variablesOf(expr: Expr): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (e: Expr): void => {
    switch (e.type) {
      case "var":
        if (!seen.has(e.name)) {
          seen.add(e.name);
          out.push(e.name);
        }
        return;
      case "bin":
        walk(e.left);
        walk(e.right);
        return;
      case "agg":
        walk(e.arg);
        return;
      case "num":
        return;
    }
  };
  walk(expr);
  return out;
}

/** True when the tree contains an operation or aggregate (a lone variable computes nothing). */
export function computes(expr: Expr): boolean {
  return expr.type === "bin" || expr.type === "agg";
}

/**
 * Canonical shape: a constant factor applied to a quotient goes last, so that
 * `A × 100 : B`, `100 × A / B` and `A / B × 100` all read `A / B * 100`.
 */
export function normalize(expr: Expr): Expr {
  switch (expr.type) {
    case "num":
    case "var":
      return expr;
    case "agg":
      return agg(expr.fn, normalize(expr.arg));
    case "bin": {
      const left = normalize(expr.left);
      const right = normalize(expr.right);
      if (expr.op === "/" && left.type === "bin" && left.op === "*") {
        // (X * c) / Y → X / Y * c ; (c * X) / Y → X / Y * c
        if (left.right.type === "num") return bin("*", normalize(bin("/", left.left, right)), left.right);
        if (left.left.type === "num") return bin("*", normalize(bin("/", left.right, right)), left.left);
      }
      if (expr.op === "*" && left.type === "num" && right.type === "bin" && right.op === "/") {
        // c * (X / Y) → X / Y * c
        return bin("*", right, left);
      }
      return bin(expr.op, left, right);
    }
  }
}

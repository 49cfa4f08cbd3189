/**
 * Evaluates an expression over variable values. A variable inside an aggregate binds to
 * the list of its components (`Skor_i` over all i); `AVG(a + b + c)` of listed items is
 * the mean of the items. Division by zero and missing values give null, never NaN.
 */
import type { Expr } from "./ast";

export type Value = number | readonly number[] | null | undefined;
export type Lookup = (name: string) => Value;

function scalar(v: Value): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  return null;
}

/** Component-wise evaluation inside an aggregate: returns the list of term values. */
function vector(e: Expr, lookup: Lookup): number[] | null {
  switch (e.type) {
    case "num":
      return [e.value];
    case "var": {
      const v = lookup(e.name);
      if (v === null || v === undefined) return null;
      return typeof v === "number" ? [v] : [...v];
    }
    case "agg": {
      const s = evaluate(e, lookup);
      return s === null ? null : [s];
    }
    case "bin": {
      const l = vector(e.left, lookup);
      const r = vector(e.right, lookup);
      if (!l || !r) return null;
      const n = Math.max(l.length, r.length);
      if (l.length !== n && l.length !== 1) return null;
      if (r.length !== n && r.length !== 1) return null;
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const a = l.length === 1 ? l[0] : l[i];
        const b = r.length === 1 ? r[0] : r[i];
        const v = e.op === "+" ? a + b : e.op === "-" ? a - b : e.op === "*" ? a * b : b === 0 ? NaN : a / b;
        if (!Number.isFinite(v)) return null;
        out.push(v);
      }
      return out;
    }
  }
}

/** The terms of a listed sum `a + b + c` (for AVG over named items). */
function listedItems(e: Expr): Expr[] | null {
  if (e.type === "bin" && e.op === "+") {
    const l = listedItems(e.left) ?? [e.left];
    return [...l, e.right];
  }
  return null;
}

export function evaluate(e: Expr, lookup: Lookup): number | null {
  switch (e.type) {
    case "num":
      return e.value;
    case "var":
      return scalar(lookup(e.name));
    case "agg": {
      if (e.fn === "AVG") {
        const items = listedItems(e.arg);
        if (items) {
          const vals = items.map((x) => evaluate(x, lookup));
          if (vals.some((v) => v === null)) return null;
          return (vals as number[]).reduce((a, b) => a + b, 0) / vals.length;
        }
      }
      const v = vector(e.arg, lookup);
      if (!v || v.length === 0) return null;
      const sum = v.reduce((a, b) => a + b, 0);
      return e.fn === "SUM" ? sum : sum / v.length;
    }
    case "bin": {
      const l = evaluate(e.left, lookup);
      const r = evaluate(e.right, lookup);
      if (l === null || r === null) return null;
      if (e.op === "/") return r === 0 ? null : l / r;
      const v = e.op === "+" ? l + r : e.op === "-" ? l - r : l * r;
      return Number.isFinite(v) ? v : null;
    }
  }
}

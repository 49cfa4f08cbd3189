/**
 * Properties of the formula language (fast-check): no text makes the parser throw, and
 * printing an expression and parsing the print gives the same expression back. Variable
 * names come from real seed formulas.
 */
import fc from "fast-check";
import { parseFormula, printCanonical } from "../../../src/engine/formula";
import { agg, bin, normalize, num, variable, type Expr } from "../../../src/engine/formula/ast";
import { evaluate } from "../../../src/engine/formula/evaluate";
import { loadJson } from "../../support/fixtures";
import type { FormulaExpectation } from "./compare-formulas";

/** Every variable name the expectation file writes, i.e. real noun phrases of the seeds. */
const SEED_NAMES = [
  ...new Set(
    loadJson<FormulaExpectation[]>("expected/formulas.json")
      .flatMap((e) => (e.expression ?? "").match(/\[[^\]]+\]/g) ?? [])
      .map((v) => v.slice(1, -1)),
  ),
];

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom(...SEED_NAMES).map((n) => variable(n)),
  fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(100, 0.5, 2.5, 12)).map((n) => num(n)),
);

const tree: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr; op: Expr }>((tie) => ({
  e: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("op")),
  op: fc.oneof(
    fc.tuple(fc.constantFrom("+", "-", "*", "/") as fc.Arbitrary<"+" | "-" | "*" | "/">, tie("e"), tie("e")).map(([op, l, r]) => bin(op, l, r)),
    fc.tuple(fc.constantFrom("SUM", "AVG") as fc.Arbitrary<"SUM" | "AVG">, tie("e")).map(([fn, a]) => agg(fn, a)),
  ),
})).op;

test("printing then parsing gives the same expression", () => {
  fc.assert(
    fc.property(tree, (e) => {
      const n = normalize(e);
      const parsed = parseFormula(printCanonical(n));
      expect(parsed.cls).toBe("expression");
      expect(parsed.expr).toEqual(n);
    }),
    { numRuns: 1500 },
  );
});

test("normalising twice changes nothing, and keeps the value", () => {
  const values = new Map(SEED_NAMES.map((n, i) => [n, (i % 7) + 1]));
  fc.assert(
    fc.property(tree, (e) => {
      const n = normalize(e);
      expect(normalize(n)).toEqual(n);
      const a = evaluate(e, (name) => values.get(name));
      const b = evaluate(n, (name) => values.get(name));
      if (a === null || b === null) return;
      expect(b).toBeCloseTo(a, 6);
    }),
    { numRuns: 1000 },
  );
});

test("no text makes the parser throw", () => {
  const piece = fc.oneof(
    fc.string(),
    fc.constantFrom(
      "$",
      "\\frac{",
      "}",
      "\\text{",
      "\\sum_{i=1}^n",
      "dibagi",
      "di kali 100%",
      " : ",
      " / ",
      "(",
      ")",
      "[",
      "]",
      "SUM(",
      "<p><i>Tipe Penghitungan :</i>",
      "Cara Hitung :",
      "\n",
      " = ",
      "x",
      "100",
      "Jumlah",
      "Rata-rata",
      "Perkalian antara",
    ),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), fc.string(), (pieces, name) => {
      const r = parseFormula(pieces.join(" "), name);
      expect(["expression", "count", "restated", "timeliness", "external", "description", "empty"]).toContain(r.cls);
    }),
    { numRuns: 3000 },
  );
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
      parseFormula(text, text.slice(0, 20));
    }),
    { numRuns: 2000 },
  );
});

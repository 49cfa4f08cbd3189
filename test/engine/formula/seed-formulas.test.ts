/**
 * Acceptance: every formula cell of the seed fixtures (687 distinct name/formula pairs,
 * 1,381 indicator rows) is parsed into an expression or classified, exactly as the
 * expectation file written by reading them says (see expected/FORMULAS.md).
 */
import { loadJson } from "../../support/fixtures";
import { formulaPairs } from "../../fixtures/dump-formula-pairs";
import { actualFor, expectedFor, type FormulaExpectation } from "./compare-formulas";

const entries = loadJson<FormulaExpectation[]>("expected/formulas.json");

test("the expectation file covers exactly the formula cells of the seed fixtures", async () => {
  const pairs = await formulaPairs();
  const key = (p: { name: string; formula: string }): string => `${p.name}\u0000${p.formula}`;
  expect(entries.map(key).sort()).toEqual(pairs.map(key).sort());
  expect(pairs.reduce((n, p) => n + p.occurrences, 0)).toBe(1381);
});

test.each(entries.map((e, i) => [i, e.firstAt ?? "", e] as const))("#%i %s", (_i, _at, e) => {
  expect(actualFor(e)).toEqual(expectedFor(e));
});
